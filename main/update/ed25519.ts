/**
 * Ed25519 public keys as IT and the release script write them: the raw 32-byte key in base64
 * (44 characters), short enough for a registry value or a plist string. Node's crypto does the
 * signing and verifying; the key id (first 16 hex digits of SHA-256 of the raw key) names a key
 * in a signed manifest so an unknown key is refused by name before any signature is tried.
 * The release tool (deploy/tools/release.ts) makes keys and signs.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
export const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const RAW_KEY_BYTES = 32;

export interface ReleaseKey {
  id: string;
  key: KeyObject;
}

export function parseEd25519PublicKey(base64: string): { ok: true; key: ReleaseKey } | { ok: false; message: string } {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) {
    return { ok: false, message: 'must be an Ed25519 public key: 32 bytes in base64 (44 characters ending in "=")' };
  }
  const raw = Buffer.from(trimmed, 'base64');
  if (raw.length !== RAW_KEY_BYTES) return { ok: false, message: 'must decode to exactly 32 bytes' };
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  return { ok: true, key: { id: keyId(raw), key } };
}

export function keyId(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}
