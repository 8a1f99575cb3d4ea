/**
 * Two approvers for signing tests: ana, whose key the list revokes on 1 June 2026, and bo, whose
 * key stays valid. Fresh keys per test file (each file imports its own copy of this module).
 */
import type { KeyList } from '../../common/signing/key-list';
import { generateKeyPair } from '../../main/signing/ed25519';

export const ana = generateKeyPair();
export const bo = generateKeyPair();

export function anaAndBoKeyList(over: Partial<KeyList> = {}): KeyList {
  return {
    type: 'cuecard-key-list',
    version: 1,
    issuedAt: '2026-01-01T00:00:00.000Z',
    keys: [
      { name: 'ana', publicKey: ana.publicKey, validFrom: '2026-01-01T00:00:00.000Z', revokedAt: '2026-06-01T00:00:00.000Z' },
      { name: 'bo', publicKey: bo.publicKey, validFrom: '2026-01-01T00:00:00.000Z', revokedAt: null },
    ],
    sensitiveTags: [],
    ...over,
  };
}
