/**
 * The next org key list an admin signs (`keys sign-list`): every registered key, keeping each
 * listed key's valid-from and revocation, new keys valid from now, `revoke` revoked from now (or `revokeFrom`), the
 * sensitive tags as given (else as before), and the version one above the current list's.
 */
import type { KeyObject } from 'node:crypto';
import { keyListPayload, KeyListSchema, type KeyList, type SignedKeyList } from '../../common/signing/key-list';
import type { RegisteredKey } from '../../common/signing/signing-protocol';
import { signText, verifyText } from './ed25519';

export interface KeyListChange {
  revoke?: string | undefined;
  /** When the revoked key stops counting (ISO time; default now), e.g. when it was stolen. */
  revokeFrom?: string | undefined;
  sensitiveTags?: string[] | undefined;
}

export function nextKeyList(current: KeyList | null, registered: readonly RegisteredKey[], change: KeyListChange, now: Date): KeyList {
  const at = now.toISOString();
  const listed = new Map((current?.keys ?? []).map((key) => [key.name, key]));
  for (const key of registered) {
    const known = listed.get(key.name);
    if (known && known.publicKey !== key.publicKey) throw new Error(`the server's key "${key.name}" differs from the one the current list names: refusing to replace a listed key`);
    if (!known) listed.set(key.name, { name: key.name, publicKey: key.publicKey, validFrom: at, revokedAt: null });
  }
  if (change.revoke !== undefined) {
    const key = listed.get(change.revoke);
    if (!key) throw new Error(`no key named "${change.revoke}" is registered or listed`);
    const from = change.revokeFrom === undefined ? at : new Date(change.revokeFrom).toISOString();
    // An earlier revocation time wins: a revocation is never pushed later.
    if (key.revokedAt === null || from < key.revokedAt) listed.set(key.name, { ...key, revokedAt: from });
  }
  return KeyListSchema.parse({
    type: 'cuecard-key-list',
    version: (current?.version ?? 0) + 1,
    issuedAt: at,
    keys: [...listed.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    sensitiveTags: change.sensitiveTags ?? current?.sensitiveTags ?? [],
  });
}

export function signKeyList(list: KeyList, rootKey: KeyObject): SignedKeyList {
  return { list, signature: signText(rootKey, keyListPayload(list)) };
}

/** Whether `document` carries `rootPublicKey`'s signature of its list. */
export function rootSigned(document: SignedKeyList, rootPublicKey: string): boolean {
  return verifyText(rootPublicKey, keyListPayload(document.list), document.signature);
}
