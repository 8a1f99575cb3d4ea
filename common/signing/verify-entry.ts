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
  const plan = planEntry(entry, list);
  return 'verdict' in plan ? plan.verdict : concludeEntry(plan, plan.checks.map((c) => verify(c.keyId, c.payload, c.signature)));
}

/**
 * verifyEntry() in two halves, for a caller that runs the Ed25519 checks elsewhere (Node's async
 * crypto on libuv's threadpool: main/signing/threadpool-verify.ts): the plan names the checks
 * still needed (`checks`, in order) or already holds the verdict; concludeEntry() gives the
 * verdict from their outcomes, in the same order. Same rule, same verdicts as verifyEntry().
 */
export type EntryPlan = { verdict: EntryVerdict } | (SignaturePlan & { entry: VerifiableEntry; needed: number });

export function planEntry(entry: VerifiableEntry, list: KeyList): EntryPlan {
  const plan = planSignatures(entry.signatures, list, (signature) => approvalPayload(entry, signature));
  if (plan === 'unsigned' || plan === 'bad_signature') return { verdict: { ok: false, reason: plan } };
  return { ...plan, entry, needed: approversNeeded(entry, list) };
}

export function concludeEntry(plan: Exclude<EntryPlan, { verdict: EntryVerdict }>, valid: readonly boolean[]): EntryVerdict {
  const outcome = concludeSignatures(plan, valid);
  if (outcome.approvers.length >= plan.needed) return { ok: true, approvers: outcome.approvers };
  return { ok: false, reason: outcome.worst ?? 'second_approver_missing' };
}

type SignatureFailure = 'bad_signature' | 'key_revoked' | 'unknown_key';

/** One Ed25519 check a plan needs: `signature` by `keyId` over `payload`'s UTF-8 bytes. */
export interface SignatureCheck {
  keyId: string;
  payload: string;
  signature: string;
}

/** Each carried signature settled without crypto (a failure) or waiting for checks[check]. */
type SignatureStep = { failure: SignatureFailure } | { check: number; standing: ReturnType<typeof keyStanding> };

interface SignaturePlan {
  steps: SignatureStep[];
  checks: SignatureCheck[];
}

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
  const plan = planSignatures(signatures, list, payload);
  if (plan === 'unsigned' || plan === 'bad_signature') return plan;
  return concludeSignatures(plan, plan.checks.map((c) => verify(c.keyId, c.payload, c.signature)));
}

function planSignatures(
  signatures: unknown,
  list: KeyList,
  payload: (signature: { keyId: string; approvedAt: string }) => string,
): SignaturePlan | 'unsigned' | 'bad_signature' {
  const carried = CarriedSignaturesSchema.safeParse(signatures ?? []);
  if (!carried.success) return 'bad_signature';
  if (carried.data.length === 0) return 'unsigned';
  const byKey = keysByIdOf(list);
  const steps: SignatureStep[] = [];
  const checks: SignatureCheck[] = [];
  for (const signature of carried.data) {
    const standing = keyStanding(signature, byKey);
    if (!standing.ok && standing.reason === 'unknown_key') {
      steps.push({ failure: 'unknown_key' });
    } else if (!isSignatureText(signature.signature) || !Number.isFinite(Date.parse(signature.approvedAt))) {
      steps.push({ failure: 'bad_signature' });
    } else {
      steps.push({ check: checks.length, standing });
      checks.push({ keyId: signature.keyId, payload: payload(signature), signature: signature.signature });
    }
  }
  return { steps, checks };
}

function concludeSignatures(plan: SignaturePlan, valid: readonly boolean[]): { approvers: string[]; worst: SignatureFailure | undefined } {
  const approvers = new Set<string>();
  const failures = new Set<RefusalReason>();
  for (const step of plan.steps) {
    if ('failure' in step) failures.add(step.failure);
    else if (valid[step.check] !== true) failures.add('bad_signature');
    else if (!step.standing.ok) failures.add(step.standing.reason);
    else approvers.add(step.standing.name);
  }
  return { approvers: [...approvers].sort(), worst: GRAVITY.find((reason) => failures.has(reason)) };
}

/** keysById() once per list object: a sync page asks for it once per entry. */
const keysByList = new WeakMap<KeyList, Map<string, ListedKey>>();
function keysByIdOf(list: KeyList): Map<string, ListedKey> {
  let byKey = keysByList.get(list);
  if (!byKey) keysByList.set(list, (byKey = keysById(list)));
  return byKey;
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
