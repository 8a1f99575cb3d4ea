/**
 * Signed retirement (issue #15, docs/signing.md "Retirement"): with an org root key pinned, an
 * agent removes an approved entry only when an approver key of the held key list signed exactly
 * that retirement — otherwise whoever controls the server could silently take approved answers
 * away from every agent. The payload is the RFC 8785 (JCS) canonical JSON of
 * `{type: "cuecard-retirement", id, locale, version, retiredAt, keyId}` as UTF-8 bytes, where
 * `version` is the live version retired; the `type` keeps an approval's or a synonym's signature
 * from passing for a retirement's. Checked with the per-signature rule of verify-entry.ts.
 */
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { PublicKeySchema, SignatureTextSchema } from './formats';
import type { KeyList } from './key-list';
import { checkSignatures, type RefusalReason, type VerifyFn } from './verify-entry';

export const RETIREMENT_PAYLOAD_TYPE = 'cuecard-retirement';

/** What a lead signs to retire the live version of (id, locale). */
export interface RetirementTarget {
  id: string;
  locale: string;
  /** The live version being retired. */
  version: number;
}

/** A retirement's signature as the lead sends it and the change log relays it (`remove` items' `retirement`). */
export const RetirementSignatureSchema = z
  .object({
    version: z.number().int().positive().max(2_147_483_647),
    keyId: PublicKeySchema,
    retiredAt: z.string().datetime({ offset: true }),
    signature: SignatureTextSchema,
  })
  .strict();
export type RetirementSignature = z.infer<typeof RetirementSignatureSchema>;

/** Loosely typed on the wire, so a tampered retirement is refused with its reason instead of making the page unreadable. */
export const CarriedRetirementSchema = z
  .object({ version: z.number(), keyId: z.string().max(200), retiredAt: z.string().max(100), signature: z.string().max(200) })
  .strict();

export function retirementPayload(target: RetirementTarget, signer: { retiredAt: string; keyId: string }): string {
  const text = canonicalize({
    type: RETIREMENT_PAYLOAD_TYPE,
    id: target.id,
    locale: target.locale,
    version: target.version,
    retiredAt: signer.retiredAt,
    keyId: signer.keyId,
  });
  if (text === undefined) throw new Error('the retirement payload could not be canonicalised');
  return text;
}

export type RetirementRefusal = Extract<RefusalReason, 'unsigned' | 'bad_signature' | 'unknown_key' | 'key_revoked' | 'rollback'>;
export type RetirementVerdict = { ok: true; by: string } | { ok: false; reason: RetirementRefusal };

/**
 * Whether a `remove` of (id, locale) may take away the version the agent holds: signed by a key the
 * list names (valid at the retirement time) over that entry and a version not lower than the one
 * held (a retirement of an older version replayed later is a rollback, refused).
 */
export function verifyRetirement(
  item: { id: string; locale: string; retirement?: unknown },
  heldVersion: number,
  list: KeyList,
  verify: VerifyFn,
): RetirementVerdict {
  if (item.retirement === undefined || item.retirement === null) return { ok: false, reason: 'unsigned' };
  const carried = CarriedRetirementSchema.safeParse(item.retirement);
  if (!carried.success || !Number.isSafeInteger(carried.data.version)) return { ok: false, reason: 'bad_signature' };
  const { version, keyId, retiredAt, signature } = carried.data;
  const target = { id: item.id, locale: item.locale, version };
  // The retirement time stands where an approval's time does: the key must be valid then.
  const outcome = checkSignatures([{ keyId, approvedAt: retiredAt, signature }], list, verify, (s) => retirementPayload(target, { retiredAt: s.approvedAt, keyId: s.keyId }));
  if (outcome === 'unsigned' || outcome === 'bad_signature') return { ok: false, reason: outcome };
  const [by] = outcome.approvers;
  if (by === undefined) return { ok: false, reason: outcome.worst ?? 'bad_signature' };
  if (version < heldVersion) return { ok: false, reason: 'rollback' };
  return { ok: true, by };
}
