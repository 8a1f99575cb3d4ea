/**
 * The test vectors of docs/signing.md, computed from fixed seeds (Ed25519 signatures are
 * deterministic), so another implementation can check its canonical encoding and signatures and
 * the document cannot drift from the code (signing-vectors.test.ts compares them).
 */
import { createPrivateKey } from 'node:crypto';
import { approvalPayload, type SignedContent } from '../../../common/signing/approval';
import { keyListPayload, type KeyList } from '../../../common/signing/key-list';
import { publicKeyOf, signText } from '../../../main/signing/ed25519';

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function keyFromSeed(seedHex: string) {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

export const ROOT_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
export const APPROVER_SEED = '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';

export const CONTENT: SignedContent = {
  id: 'kb/refund-iban',
  locale: 'de-CH',
  kind: 'template',
  title: 'Rückerstattung — Konto „Ä“',
  body: 'Hallo {{ customer.first_name }},\nwir überweisen 12,50 € auf Ihr Konto. 👍',
  tags: ['refund', 'billing'],
  urlOrPath: null,
  version: 3,
};

export function vectorsMarkdown(): string {
  const root = keyFromSeed(ROOT_SEED);
  const approver = keyFromSeed(APPROVER_SEED);
  const approval = { approvedAt: '2026-11-29T16:00:00.000Z', keyId: approver.publicKey };
  const payload = approvalPayload(CONTENT, approval);
  const list: KeyList = {
    type: 'cuecard-key-list',
    version: 2,
    issuedAt: '2026-11-29T15:00:00.000Z',
    keys: [{ name: 'bo', publicKey: approver.publicKey, validFrom: '2026-11-01T00:00:00.000Z', revokedAt: null }],
    sensitiveTags: ['refund', 'legal'],
  };
  const listPayload = keyListPayload(list);
  return [
    'Approver key seed (hex, the 32 bytes after the PKCS#8 prefix `302e020100300506032b657004220420`):',
    '', '```', APPROVER_SEED, '```', '',
    'Its public key:', '', '```', approver.publicKey, '```', '',
    'The signed payload of that entry (the UTF-8 bytes of this text, no trailing newline):',
    '', '```json', payload, '```', '',
    `Its UTF-8 length: ${Buffer.byteLength(payload)} bytes. The signature (base64):`,
    '', '```', signText(approver.privateKey, payload), '```', '',
    'Root key seed (hex):', '', '```', ROOT_SEED, '```', '',
    'Its public key:', '', '```', root.publicKey, '```', '',
    'The signed key-list payload:', '', '```json', listPayload, '```', '',
    'Its root signature (base64):', '', '```', signText(root.privateKey, listPayload), '```',
  ].join('\n');
}
