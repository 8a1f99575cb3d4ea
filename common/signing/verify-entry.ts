/**
 * The one rule an agent applies to an entry when a root key is pinned: who approved exactly this
 * content, under the held key list, or why it is refused. Pure: the Ed25519 check is handed in
 * (main/signing/ed25519.ts, Node's crypto), so the rule is the same wherever it runs.
 */
import { approvalPayload, CarriedSignaturesSchema, type SignedContent } from './approval';
import { isSignatureText, publicKeyProblem } from './formats';
import type { KeyList, ListedKey } from './key-list';

/** Why an entry is refused; docs/signing.md explains each. */
export const REFUSAL_REASONS = [
  'unsigned',
  'bad_signature',
  'unknown_key',
  'key_revoked',
  'second_approver_missing',
  'rollback',
  'changed_locally',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const REFUSAL_TEXT: Readonly<Record<RefusalReason, string>> = {
  unsigned: 'unsigned',
  bad_signature: 'bad signature',
  unknown_key: 'signed by a key the org key list does not name',
  key_revoked: 'signed by a key revoked before the approval time',
  second_approver_missing: 'a sensitive template needs two approvers',
  rollback: 'version lower than the one stored (rollback)',
  changed_locally: 'changed in the local database after it was verified',
};

/** `verify(publicKey, message, signature)`: Ed25519 over the UTF-8 bytes of `message`. */
export type VerifyFn = (publicKey: string, message: string, signature: string) => boolean;

export type EntryVerdict = { ok: true; approvers: string[] } | { ok: false; reason: RefusalReason };

export interface VerifiableEntry extends SignedContent {
  signatures?: unknown;
}

/** The order a refusal is named in when signatures fail for different reasons: the gravest first. */
const GRAVITY: readonly RefusalReason[] = ['bad_signature', 'key_revoked', 'unknown_key'];

export function verifyEntry(entry: VerifiableEntry, list: KeyList, verify: VerifyFn): EntryVerdict {
  const carried = CarriedSignaturesSchema.safeParse(entry.signatures ?? []);
  if (!carried.success) return { ok: false, reason: 'bad_signature' };
  if (carried.data.length === 0) return { ok: false, reason: 'unsigned' };
  const byKey = new Map<string, ListedKey>(list.keys.map((key) => [key.publicKey, key]));
  const approvers = new Set<string>();
  const failures = new Set<RefusalReason>();
  for (const signature of carried.data) {
    const key = publicKeyProblem(signature.keyId) === null ? byKey.get(signature.keyId) : undefined;
    if (!key) {
      failures.add('unknown_key');
      continue;
    }
    const at = Date.parse(signature.approvedAt);
    if (!isSignatureText(signature.signature) || !Number.isFinite(at)) {
      failures.add('bad_signature');
      continue;
    }
    if (!verify(key.publicKey, approvalPayload(entry, signature), signature.signature)) {
      failures.add('bad_signature');
      continue;
    }
    // A key signs only inside its validity: from validFrom, until its revocation.
    if (at < Date.parse(key.validFrom)) failures.add('unknown_key');
    else if (key.revokedAt !== null && at >= Date.parse(key.revokedAt)) failures.add('key_revoked');
    else approvers.add(key.name);
  }
  const needed = entry.kind === 'template' && entry.tags.some((tag) => list.sensitiveTags.includes(tag)) ? 2 : 1;
  if (approvers.size >= needed) return { ok: true, approvers: [...approvers].sort() };
  const worst = GRAVITY.find((reason) => failures.has(reason));
  return { ok: false, reason: worst ?? 'second_approver_missing' };
}
