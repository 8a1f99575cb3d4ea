/**
 * The lead's approver key through the Library's channels in main (issue #15), against a real
 * server: the key is made in main and its private half kept only sealed (the app's
 * SafeStorageCipher over a stand-in for safeStorage); the page gets the public half; registering
 * it, its standing in the root-signed key list (listed, revoked); Approve signs with it when the
 * organisation signs approvals, and says what to do without a registered key; entries agents
 * refuse after a revocation are in the Library's queue and are approved again from there.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../common/ipc-channels';
import type { EditorDraft, LibraryEntryView } from '../../../common/library-contract';
import * as keys from '../../../main/cli/commands/keys';
import * as show from '../../../main/cli/commands/show';
import * as sync from '../../../main/cli/commands/sync';
import { KEY_NOT_REGISTERED, NO_APPROVER_KEY } from '../../../main/application/approver-key-services';
import { SafeStorageCipher } from '../../../main/shell/safe-storage-cipher';
import { sqliteServer, type TestServer } from '../server/test-server';
import { startQuietApp } from '../../helpers/quiet-app';
import { libraryCalls } from '../../helpers/library-calls';
import { fakeSafeStorage } from '../../helpers/fake-safe-storage';
import { useTempDirs } from '../../helpers/temp-dir';
import { cli, tempDir as lastingDir } from '../workflow/cli-helpers';
import { agentSql } from '../signing/agent-db';
import { createKey } from '../signing/signing-fixture';

const tempDir = useTempDirs('cuecard-approver-key-');
const PUBLIC_KEY = /^ed25519:[A-Za-z0-9+/]{43}=$/;

describe('the approver key in the Library', () => {
  let t: TestServer;
  let root: { file: string; publicKey: string };
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    t = await sqliteServer();
    const file = path.join(lastingDir('cuecard-root-'), 'root.key');
    root = { file, publicKey: await createKey('init-root', file) };
  });
  afterAll(async () => t.close());
  afterEach(async () => {
    while (cleanup.length > 0) await cleanup.pop()?.();
  });

  async function library(token: string, options: { rootKey?: string } = {}) {
    const dataDir = tempDir();
    const keychain = { available: true };
    const { storage } = fakeSafeStorage();
    const app = await startQuietApp(dataDir, cleanup, {}, {}, new SafeStorageCipher({ ...storage, isEncryptionAvailable: () => keychain.available }));
    await app.core.settings.update({ serverUrl: t.url, token, ...(options.rootKey ? { orgRootKey: options.rootKey } : {}) });
    return { dataDir, ...libraryCalls(app.app.libraryRouter), keychain };
  }
  const signList = async (extra: string[] = []) => {
    const signed = await cli(keys, ['sign-list', '--root-key', root.file, '--server', t.url, '--token', t.tokens.admin, ...extra]);
    expect(signed.code, signed.err.join('\n')).toBe(0);
  };
  const draft = (id: string, extra: Partial<EditorDraft> = {}): EditorDraft => ({
    id, locale: 'en', kind: 'article', title: `About ${id}`, body: `The text of ${id}.`, tags: ['billing'], urlOrPath: null,
    owner: '', verificationIntervalDays: 90, baseVersion: 0, ...extra,
  });

  it('makes the key in main with only its public half leaving it, registers it, and shows its standing in the signed list', async () => {
    const bo = await t.server.tokens.create('bo-keys', 'lead');
    const { dataDir, lib, ok } = await library(bo, { rootKey: root.publicKey });
    expect(await ok('approverKey')).toEqual({ publicKey: null, registeredAs: null, signingRequired: true, keyList: null });
    expect(await lib('registerApproverKey', { name: 'bo' })).toEqual({ ok: false, error: { code: 'bad_request', message: 'Create your approver key first; then register it.' } });

    const created = await ok('createApproverKey');
    expect(created).toEqual({ publicKey: expect.stringMatching(PUBLIC_KEY), registeredAs: null, signingRequired: true, keyList: null });
    const publicKey = created.publicKey as string;
    expect((await ok('createApproverKey')).publicKey).toBe(publicKey); // never replaced
    const [row] = await agentSql<{ value: string }>(dataDir, "SELECT value FROM settings WHERE key = 'signing.approverKey'");
    const stored = JSON.parse(row?.value as string) as { publicKey: string; sealedPrivateKey: string };
    expect(stored.publicKey).toBe(publicKey);
    // Sealed by safeStorage (its stand-in marks what it sealed), never the PKCS#8 key in the clear.
    expect(Buffer.from(stored.sealedPrivateKey, 'base64').toString('utf8').startsWith('sealed:')).toBe(true);
    expect(stored.sealedPrivateKey.startsWith('MC4CAQAwBQYDK2Vw')).toBe(false);

    expect(await lib('registerApproverKey', { name: 'bo with spaces' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await ok('registerApproverKey', { name: 'bo' })).toEqual({ publicKey, registeredAs: 'bo', signingRequired: true, keyList: null });

    await signList();
    const listed = await ok('approverKey');
    expect(listed.keyList).toEqual({ version: 1, rootSignature: 'verified', entry: { name: 'bo', publicKey, validFrom: expect.any(String), revokedAt: null } });
    await signList(['--revoke', 'bo']);
    expect((await ok('approverKey')).keyList?.entry?.revokedAt).toEqual(expect.any(String));
    // A revoked key does not sign: agents would refuse it.
    expect(await lib('act', { id: 'kb/none', locale: 'en', action: 'approve', version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/^Your approver key was revoked in the org key list \(from .*\): agents refuse what it signs\. Ask an admin\.$/) },
    });

    // Another root pinned here: the server's list is not signed by it.
    const other = await library(bo, { rootKey: await createKey('init-root', path.join(tempDir(), 'other-root.key')) });
    expect((await other.ok('approverKey')).keyList).toEqual({ version: 2, rootSignature: 'invalid', entry: null });

    // The revoked lead makes a replacement key in the app: sealed like the first, the old one kept
    // sealed aside; registered under a new name, it signs again once an admin lists it.
    const replaced = await ok('replaceApproverKey');
    expect(replaced).toEqual({ publicKey: expect.stringMatching(PUBLIC_KEY), registeredAs: null, signingRequired: true, keyList: { version: 2, rootSignature: 'verified', entry: null } });
    expect(replaced.publicKey).not.toBe(publicKey);
    const [after] = await agentSql<{ value: string }>(dataDir, "SELECT value FROM settings WHERE key = 'signing.approverKey'");
    const kept = JSON.parse(after?.value as string) as { publicKey: string; sealedPrivateKey: string; replaced: Array<{ publicKey: string; sealedPrivateKey: string }> };
    expect(kept.replaced).toEqual([{ publicKey, sealedPrivateKey: stored.sealedPrivateKey, replacedAt: expect.any(String) }]);
    expect(Buffer.from(kept.sealedPrivateKey, 'base64').toString('utf8').startsWith('sealed:')).toBe(true);
    expect(await lib('registerApproverKey', { name: 'bo' })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('pick another name') } });
    expect(await ok('registerApproverKey', { name: 'bo-2' })).toMatchObject({ publicKey: replaced.publicKey, registeredAs: 'bo-2' });
    await signList();
    expect((await ok('approverKey')).keyList).toEqual({ version: 3, rootSignature: 'verified', entry: { name: 'bo-2', publicKey: replaced.publicKey, validFrom: expect.any(String), revokedAt: null } });
  });

  it('is refused to an agent and to any page but the Library, and refused when no keychain can seal it', async () => {
    const agent = await library(t.tokens.agent);
    expect(await agent.lib('createApproverKey')).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
    const lead = await library(t.tokens.lead);
    expect(await lead.lib('approverKey', null, APP_ENTRY_URL)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    const noKeychain = await library(t.tokens.lead);
    noKeychain.keychain.available = false; // (after the token was sealed)
    expect(await noKeychain.lib('createApproverKey')).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Your approver key could not be sealed on this computer (no OS keychain is available to encrypt it); nothing was kept.' },
    });
    expect(await agentSql(noKeychain.dataDir, "SELECT value FROM settings WHERE key = 'signing.approverKey'")).toEqual([]);
  });

  it('Approve signs with the sealed key when the org signs approvals, says what to do without a registered key, and the agent verifies it', async () => {
    const cy = await t.server.tokens.create('cy-keys', 'lead');
    const writer = await library(t.tokens.lead, { rootKey: root.publicKey });
    const approver = await library(cy, { rootKey: root.publicKey });
    expect((await writer.ok('submit', draft('kb/signed-in-library'))).record).toMatchObject({ state: 'in_review', version: 1 });
    await approver.ok('load', { refresh: true });
    const approve = { id: 'kb/signed-in-library', locale: 'en', action: 'approve', version: 1 };
    expect(await approver.lib('act', approve)).toEqual({ ok: false, error: { code: 'refused', message: NO_APPROVER_KEY } });
    await approver.ok('createApproverKey');
    expect(await approver.lib('act', approve)).toEqual({ ok: false, error: { code: 'refused', message: KEY_NOT_REGISTERED } });
    const { publicKey } = await approver.ok('registerApproverKey', { name: 'cy' });
    await signList();

    // The server lost the registration (a restore): its refusal points to the Signing key tab, not to the CLI.
    const [registration] = (await t.server.db.dataSource.query('SELECT * FROM approver_keys WHERE name = ?', ['cy'])) as Array<Record<string, unknown>>;
    await t.server.db.dataSource.query('DELETE FROM approver_keys WHERE name = ?', ['cy']);
    expect(await approver.lib('act', approve)).toEqual({ ok: false, error: { code: 'refused', message: KEY_NOT_REGISTERED } });
    await t.server.db.dataSource.query('INSERT INTO approver_keys (name, public_key, registered_by, registered_at) VALUES (?, ?, ?, ?)', [
      registration?.name, registration?.public_key, registration?.registered_by, registration?.registered_at,
    ]);

    const approved = (await approver.ok('act', approve)) as LibraryEntryView;
    expect(approved.record).toMatchObject({ state: 'approved', version: 1, approvedBy: 'cy-keys' });
    const agentDir = tempDir();
    const synced = await cli(sync, ['--server', t.url, '--token', t.tokens.agent, '--data-dir', agentDir, '--org-root-key', root.publicKey]);
    expect(synced.code, synced.err.join('\n')).toBe(0);
    const shown = await cli(show, ['kb/signed-in-library', '--locale', 'en', '--data-dir', agentDir, '--json']);
    expect(shown.code, shown.err.join('\n')).toBe(0);
    expect(JSON.parse(shown.out[0] as string)).toMatchObject({ version: 1, approvers: ['cy'] });
    expect(publicKey).toMatch(PUBLIC_KEY);
  });

  it('lists live entries whose signature a revocation made invalid, and they are approved again from there', async () => {
    const [dan, eve] = [await t.server.tokens.create('dan-keys', 'lead'), await t.server.tokens.create('eve-keys', 'lead')];
    const writer = await library(t.tokens.lead, { rootKey: root.publicKey });
    const first = await library(dan, { rootKey: root.publicKey });
    const second = await library(eve, { rootKey: root.publicKey });
    for (const [lead, name] of [[first, 'dan'], [second, 'eve']] as const) {
      await lead.ok('createApproverKey');
      await lead.ok('registerApproverKey', { name });
    }
    await signList();
    await writer.ok('submit', draft('kb/re-approve'));
    await first.ok('load', { refresh: true });
    await first.ok('act', { id: 'kb/re-approve', locale: 'en', action: 'approve', version: 1 });
    // dan's key was stolen: revoked back to before the approval.
    await signList(['--revoke', 'dan', '--revoke-from', '2020-01-01T00:00:00Z']);
    const invalid = { reason: 'signature_invalid', id: 'kb/re-approve', locale: 'en', title: 'About kb/re-approve', owner: 'lena-lead', version: 1, problem: 'signed by a key revoked before the approval time' };
    expect((await writer.ok('queue')).items.filter((i) => i.id === 'kb/re-approve')).toEqual([invalid]);

    // From the queue: the live content submitted again unchanged, then another lead approves it with their key.
    await writer.ok('load', { refresh: true });
    const live = (await writer.ok('getEntry', { id: 'kb/re-approve', locale: 'en' })).record;
    expect(live).toMatchObject({ state: 'approved', version: 1 });
    const again = await writer.ok('submit', draft('kb/re-approve', { baseVersion: 1 }));
    expect(again.record).toMatchObject({ state: 'in_review', version: 2, body: 'The text of kb/re-approve.' });
    await second.ok('load', { refresh: true });
    expect((await second.ok('act', { id: 'kb/re-approve', locale: 'en', action: 'approve', version: 2 })).record).toMatchObject({ state: 'approved', version: 2 });
    expect((await writer.ok('queue')).items.filter((i) => i.id === 'kb/re-approve')).toEqual([]);
  });
});
