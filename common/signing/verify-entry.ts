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
const GRAVITY: readonly SignatureFailure[] = ['bad_signature', 'key_revoked', 'unknown_key'];

export function verifyEntry(entry: VerifiableEntry, list: KeyList, verify: VerifyFn): EntryVerdict {
  const outcome = checkSignatures(entry.signatures, list, verify, (signature) => approvalPayload(entry, signature));
  if (outcome === 'unsigned' || outcome === 'bad_signature') return { ok: false, reason: outcome };
  if (outcome.approvers.length >= approversNeeded(entry, list)) return { ok: true, approvers: outcome.approvers };
  return { ok: false, reason: outcome.worst ?? 'second_approver_missing' };
}

type SignatureFailure = 'bad_signature' | 'key_revoked' | 'unknown_key';

/**
 * The carried signatures checked one by one against what each signs (`payload`) and the list: the
 * names of the valid approvers and the gravest failure among the others. Entries (above) and
 * synonym rules (synonym-approval.ts) share it; 'unsigned' / 'bad_signature' when none can be read.
 */
export function checkSignatures(
  signatures: unknown,
  list: KeyList,
  verify: VerifyFn,
  payload: (signature: { keyId: string; approvedAt: string }) => string,
): { approvers: string[]; worst: SignatureFailure | undefined } | 'unsigned' | 'bad_signature' {
  const carried = CarriedSignaturesSchema.safeParse(signatures ?? []);
  if (!carried.success) return 'bad_signature';
  if (carried.data.length === 0) return 'unsigned';
  const byKey = keysById(list);
  const approvers = new Set<string>();
  const failures = new Set<RefusalReason>();
  for (const signature of carried.data) {
    const standing = keyStanding(signature, byKey);
    if (!standing.ok && standing.reason === 'unknown_key') {
      failures.add('unknown_key');
    } else if (!isSignatureText(signature.signature) || !Number.isFinite(Date.parse(signature.approvedAt))) {
      failures.add('bad_signature');
    } else if (!verify(signature.keyId, payload(signature), signature.signature)) {
      failures.add('bad_signature');
    } else if (!standing.ok) {
      failures.add(standing.reason);
    } else {
      approvers.add(standing.name);
    }
  }
  return { approvers: [...approvers].sort(), worst: GRAVITY.find((reason) => failures.has(reason)) };
}

export function keysById(list: KeyList): Map<string, ListedKey> {
  return new Map(list.keys.map((key) => [key.publicKey, key]));
}

/**
 * Whether the key of `signature` may approve at its approval time under the list: listed, from its
 * valid-from time, before its revocation. (The server uses this too, to tell leads which live
 * entries a new list invalidated; it cannot check the signatures themselves.)
 */
export function keyStanding(
  signature: { keyId: string; approvedAt: string },
  byKey: ReadonlyMap<string, ListedKey>,
): { ok: true; name: string } | { ok: false; reason: 'unknown_key' | 'key_revoked' } {
  const key = publicKeyProblem(signature.keyId) === null ? byKey.get(signature.keyId) : undefined;
  if (!key) return { ok: false, reason: 'unknown_key' };
  const at = Date.parse(signature.approvedAt);
  if (at < Date.parse(key.validFrom)) return { ok: false, reason: 'unknown_key' };
  if (key.revokedAt !== null && at >= Date.parse(key.revokedAt)) return { ok: false, reason: 'key_revoked' };
  return { ok: true, name: key.name };
}

/** Two approvers for a template carrying a tag the list names as sensitive, else one. */
export function approversNeeded(entry: { kind: string; tags: readonly string[] }, list: Pick<KeyList, 'sensitiveTags'>): number {
  return entry.kind === 'template' && entry.tags.some((tag) => list.sensitiveTags.includes(tag)) ? 2 : 1;
}
