/**
 * Signed synonyms (issue #18, docs/signing.md "Synonym rules"): with an org root key pinned, a
 * synonym rule reaches an agent's search only when an approver key of the held key list signed
 * exactly that rule. The payload is the RFC 8785 (JCS) canonical JSON of
 * `{type: "cuecard-synonym-rule", ruleId, locale, terms, oneWayTo, approvedAt, keyId}` as UTF-8
 * bytes — the same canonicaliser and Ed25519 check as an entry's approval (approval.ts,
 * verify-entry.ts), with a `type` so an entry's signature can never pass for a rule's.
 */
import canonicalize from 'canonicalize';
import type { KeyList } from './key-list';
import { checkSignatures, type RefusalReason, type VerifyFn } from './verify-entry';

export const SYNONYM_PAYLOAD_TYPE = 'cuecard-synonym-rule';

/** What is signed of a rule: its id and exactly what the search engine applies. */
export interface SignedSynonymRule {
  ruleId: string;
  locale: string;
  terms: readonly string[];
  oneWayTo: string | null;
}

export function synonymPayload(rule: SignedSynonymRule, approval: { approvedAt: string; keyId: string }): string {
  const text = canonicalize({
    type: SYNONYM_PAYLOAD_TYPE,
    ruleId: rule.ruleId,
    locale: rule.locale,
    terms: [...rule.terms],
    oneWayTo: rule.oneWayTo,
    approvedAt: approval.approvedAt,
    keyId: approval.keyId,
  });
  if (text === undefined) throw new Error('the synonym payload could not be canonicalised');
  return text;
}

export type SynonymRefusal = Extract<RefusalReason, 'unsigned' | 'bad_signature' | 'unknown_key' | 'key_revoked'>;
export type SynonymVerdict = { ok: true; approvers: string[] } | { ok: false; reason: SynonymRefusal };

/** One valid signature by a key the list names (valid at its approval time) accepts the rule. */
export function verifySynonymRule(rule: SignedSynonymRule & { signatures?: unknown }, list: KeyList, verify: VerifyFn): SynonymVerdict {
  const outcome = checkSignatures(rule.signatures, list, verify, (signature) => synonymPayload(rule, signature));
  if (outcome === 'unsigned' || outcome === 'bad_signature') return { ok: false, reason: outcome };
  if (outcome.approvers.length > 0) return { ok: true, approvers: outcome.approvers };
  return { ok: false, reason: outcome.worst ?? 'bad_signature' };
}
