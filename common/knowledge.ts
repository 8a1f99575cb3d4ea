import { z } from 'zod';
import { CarriedSignaturesSchema } from './signing/approval';

/** What a knowledge entry is: an approved reply template or an internal article. */
export const ENTRY_KINDS = ['template', 'article'] as const;
export const EntryKindSchema = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof EntryKindSchema>;

export const REVIEW_STATES = ['approved', 'needs_review'] as const;
export const ReviewStateSchema = z.enum(REVIEW_STATES);

/** BCP-47-ish locale tag as used by the corpus: `en`, `pt-BR`, `zh-CN`, `sr-Latn`. */
export function isLocaleTag(tag: string): boolean {
  const [language, ...subtags] = tag.split(/[-_]/);
  return /^[a-z]{2,3}$/.test(language ?? '') && subtags.every((s) => /^[A-Za-z0-9]{2,8}$/.test(s));
}
export const LocaleSchema = z
  .string()
  .min(2)
  .max(20)
  .refine(isLocaleTag, 'must be a locale tag such as "en" or "pt-BR"');

/** Ids are printable and space-free: they appear in URLs, CLI arguments and log lines. */
export const EntryIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((id) => !/\s/.test(id) && [...id].every((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f'), 'must not contain whitespace or control characters');

export const MAX_TITLE_LENGTH = 500;
export const MAX_BODY_LENGTH = 200_000;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
export const MAX_URL_LENGTH = 2000;

/** One (id, locale) record as stored locally and served by the knowledge server. */
export const KnowledgeEntrySchema = z.object({
  id: EntryIdSchema,
  locale: LocaleSchema,
  kind: EntryKindSchema,
  title: z.string().min(1).max(MAX_TITLE_LENGTH),
  body: z.string().max(MAX_BODY_LENGTH),
  tags: z.array(z.string().min(1).max(100)).max(MAX_TAGS),
  urlOrPath: z.string().max(2000).nullable(),
  version: z.number().int().nonnegative(),
  updatedAt: z.string().datetime({ offset: true }),
  approvedBy: z.string().max(200).nullable(),
  approvedAt: z.string().datetime({ offset: true }).nullable(),
  reviewState: ReviewStateSchema,
  /**
   * Review metadata of the approved version (issue #13), optional so pages of an older server
   * still verify: when the owner must verify it again (agents see *needs review* from then on),
   * whether this translation is older than its source's live version, and the source locale.
   */
  verificationDueAt: z.string().datetime({ offset: true }).nullable().optional(),
  staleTranslation: z.boolean().optional(),
  sourceLocale: LocaleSchema.nullable().optional(),
  /** The approvers' signatures of this version (issue #15; common/signing/), as the server relays them. */
  signatures: CarriedSignaturesSchema.optional(),
});
export type KnowledgeEntry = z.infer<typeof KnowledgeEntrySchema>;

/** The import/publish record format of `../shared/corpus/*.ndjson` (snake_case kept as in the files). */
export const ImportRecordSchema = z.object({
  id: EntryIdSchema,
  locale: LocaleSchema,
  kind: EntryKindSchema.optional(),
  title: z.string().min(1).max(MAX_TITLE_LENGTH),
  body: z.string().max(MAX_BODY_LENGTH),
  url_or_path: z.string().max(MAX_URL_LENGTH).nullish(),
  tags: z.array(z.string().min(1).max(MAX_TAG_LENGTH)).max(MAX_TAGS).nullish(),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;

export function entryKey(id: string, locale: string): string {
  return `${locale}\u0000${id}`;
}
