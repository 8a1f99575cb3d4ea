/** The app's approver key: sealed with the keychain port, never stored in the clear, signs verifiably. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approvalPayload } from '../../../common/signing/approval';
import { verifyText } from '../../../main/signing/ed25519';
import { APPROVER_KEY_SETTING, ApproverKeyStore } from '../../../main/signing/approver-key-store';
import { openDatabase, type Database } from '../../../main/store/database';
import { SettingEntity } from '../../../main/store/entities';
import { KeyValueStore } from '../../../main/store/key-value-store';
import { tempDir } from '../workflow/cli-helpers';

const reversing = { encrypt: (plain: string) => `sealed:${[...plain].reverse().join('')}`, decrypt: (sealed: string) => [...sealed.slice(7)].reverse().join('') };
const content = { id: 'kb/a', locale: 'en', kind: 'article', title: 'T', body: 'B', tags: [], urlOrPath: null, version: 1 };

describe('ApproverKeyStore', () => {
  let db: Database;
  afterEach(async () => {
    await db.close();
  });

  it('makes one key, keeps its private half only sealed, and signs exactly the content', async () => {
    db = (await openDatabase({ file: path.join(tempDir('cuecard-keystore-'), 'cuecard.db') })).db;
    const settings = new KeyValueStore(db, SettingEntity);
    const store = new ApproverKeyStore(settings, reversing, () => new Date('2026-11-29T16:00:00.000Z'));
    expect(await store.publicKey()).toBeNull();
    const publicKey = await store.create();
    expect(await store.create()).toBe(publicKey);
    const stored = (await settings.get(APPROVER_KEY_SETTING)) as { sealedPrivateKey: string };
    expect(stored.sealedPrivateKey.startsWith('sealed:')).toBe(true);
    const signature = await store.sign(content);
    expect(signature).toMatchObject({ keyId: publicKey, approvedAt: '2026-11-29T16:00:00.000Z' });
    expect(verifyText(publicKey, approvalPayload(content, signature), signature.signature)).toBe(true);
    expect(verifyText(publicKey, approvalPayload({ ...content, body: 'C' }, signature), signature.signature)).toBe(false);
  });

  it('refuses to keep a key when no keychain can seal it', async () => {
    db = (await openDatabase({ file: path.join(tempDir('cuecard-keystore-'), 'cuecard.db') })).db;
    const settings = new KeyValueStore(db, SettingEntity);
    const store = new ApproverKeyStore(settings, { encrypt: () => { throw new Error('no OS keychain is available to encrypt it'); }, decrypt: () => '' });
    await expect(store.create()).rejects.toThrow('no OS keychain is available to encrypt it');
    expect(await settings.get(APPROVER_KEY_SETTING)).toBeUndefined();
  });
});
