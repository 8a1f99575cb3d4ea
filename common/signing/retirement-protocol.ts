/**
 * Retirements made without a signature (before signed retirement existed, or by a lead without a
 * key): an agent that pins the org root key keeps such an entry, also through a sync from scratch.
 * Leads list them and sign each afterwards (docs/signing.md, "Retirements made before signing").
 *
 * - `GET /v1/retirements/unsigned` (lead): retired entries whose retirement carries no signature
 *   while the version it retired carries an approval signature (one an agent with a pinned root
 *   key may hold); at most MAX_UNSIGNED_RETIREMENTS, oldest retirement first, `more` when cut.
 * - `POST /v1/entries/:id/retirement-signature` (lead) `{ locale, signature }`: the signature of
 *   retiring the version that was retired (common/signing/retirement.ts's payload, as `retire --key`
 *   signs it). The server relays it in a new `remove` item, and in the unsigned one in place.
 */
import { z } from 'zod';
import { EntryIdSchema, LocaleSchema } from '../knowledge';
import { RetirementSignatureSchema } from './retirement';

export const UNSIGNED_RETIREMENTS_PATH = '/v1/retirements/unsigned';
export const MAX_UNSIGNED_RETIREMENTS = 500;
/** The most locales one retirement from the Library may name (an entry's languages, with room to spare). */
export const MAX_RETIRE_LOCALES = 100;

export function retirementSignaturePath(id: string): string {
  return `/v1/entries/${encodeURIComponent(id)}/retirement-signature`;
}

export const UnsignedRetirementSchema = z.object({
  id: EntryIdSchema,
  locale: LocaleSchema,
  title: z.string(),
  /** The version that was live when it was retired: the one a signature names. */
  version: z.number().int().positive(),
  retiredAt: z.string(),
  retiredBy: z.string(),
});
export type UnsignedRetirement = z.infer<typeof UnsignedRetirementSchema>;
export const UnsignedRetirementsSchema = z.object({ items: z.array(UnsignedRetirementSchema).max(MAX_UNSIGNED_RETIREMENTS), more: z.boolean() });
export type UnsignedRetirements = z.infer<typeof UnsignedRetirementsSchema>;

export const SignRetirementBodySchema = z.object({ locale: LocaleSchema, signature: RetirementSignatureSchema }).strict();
export const SignedRetirementResultSchema = z.object({
  signed: z.object({ id: z.string(), locale: z.string(), version: z.number().int(), seq: z.number().int() }),
  latestSeq: z.number().int().nonnegative(),
});
