/** The one rule agents apply (common/signing/verify-entry.ts) and the key text forms it relies on. */
import { describe, expect, it } from 'vitest';
import { approvalPayload, type SignedContent } from '../../../common/signing/approval';
import { publicKeyProblem } from '../../../common/signing/formats';
import { verifyEntry } from '../../../common/signing/verify-entry';
import { privateKeyObject, signText, verifyText } from '../../../main/signing/ed25519';
import { ana, anaAndBoKeyList, bo } from '../../helpers/approver-keys';

const content: SignedContent = { id: 'kb/a', locale: 'en', kind: 'template', title: 'T', body: 'B', tags: ['refund'], urlOrPath: null, version: 2 };
const list = anaAndBoKeyList;
const sign = (pair: typeof ana, approvedAt: string, what: SignedContent = content) => {
  const approval = { approvedAt, keyId: pair.publicKey };
  return { ...approval, signature: signText(privateKeyObject(pair.privateKeyPkcs8), approvalPayload(what, approval)) };
};

describe('public key text', () => {
  it.each([
    ['a key without the prefix', ana.publicKey.slice('ed25519:'.length), 'a public key starts with "ed25519:"'],
    ['a truncated key', ana.publicKey.slice(0, 40), 'a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'],
    ['base64url', `ed25519:${'_'.repeat(43)}=`, 'a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'],
    ['unpadded', ana.publicKey.slice(0, -1), 'a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'],
    ['non-zero padding bits', `ed25519:${'A'.repeat(42)}B=`, 'a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'],
    ['a trailing newline', `${ana.publicKey}\n`, 'a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'],
  ])('refuses %s', (_what, text, problem) => {
    expect(publicKeyProblem(text)).toBe(problem);
  });

  it('accepts a generated key, and a signature under it verifies once only', () => {
    expect(publicKeyProblem(ana.publicKey)).toBeNull();
    const s = sign(ana, '2026-02-01T00:00:00.000Z');
    expect(verifyText(ana.publicKey, approvalPayload(content, s), s.signature)).toBe(true);
    expect(verifyText(bo.publicKey, approvalPayload(content, s), s.signature)).toBe(false);
  });
});

describe('verifyEntry', () => {
  it('names the verified approvers', () => {
    expect(verifyEntry({ ...content, signatures: [sign(bo, '2026-02-01T00:00:00.000Z')] }, list(), verifyText)).toEqual({ ok: true, approvers: ['bo'] });
  });

  it.each([
    ['no signatures', [], 'unsigned'],
    ['a key used at its revocation time', [sign(ana, '2026-06-01T00:00:00.000Z')], 'key_revoked'],
    ['a key used before its valid-from time', [sign(bo, '2025-12-31T23:59:59.999Z')], 'unknown_key'],
    ['a signature of other content', [sign(bo, '2026-02-01T00:00:00.000Z', { ...content, version: 1 })], 'bad_signature'],
    ['a malformed signature list', [{ keyId: 1 }], 'bad_signature'],
    ['more signatures than any rule asks for', Array.from({ length: 9 }, () => sign(bo, '2026-02-01T00:00:00.000Z')), 'bad_signature'],
  ])('refuses %s', (_what, signatures, reason) => {
    expect(verifyEntry({ ...content, signatures }, list(), verifyText)).toEqual({ ok: false, reason });
  });

  it('a sensitive template needs two different listed keys; an article with the tag needs one', () => {
    const sensitive = list({ sensitiveTags: ['refund'] });
    const bos = sign(bo, '2026-02-01T00:00:00.000Z');
    expect(verifyEntry({ ...content, signatures: [bos, bos] }, sensitive, verifyText)).toEqual({ ok: false, reason: 'second_approver_missing' });
    expect(verifyEntry({ ...content, signatures: [bos, sign(ana, '2026-02-01T00:00:00.000Z')] }, sensitive, verifyText)).toEqual({ ok: true, approvers: ['ana', 'bo'] });
    const article = { ...content, kind: 'article' };
    expect(verifyEntry({ ...article, signatures: [sign(bo, '2026-02-01T00:00:00.000Z', article)] }, sensitive, verifyText)).toEqual({ ok: true, approvers: ['bo'] });
  });
});
