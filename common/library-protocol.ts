/**
 * The wire format the Library (issue #14) reads besides the review workflow's
 * (common/review-protocol.ts): who the caller is (`GET /v1/me`), the lead's view of every entry
 * with its open version (`GET /v1/library`) and one version's content
 * (`GET /v1/entries/:id/versions/:version`). The server answers with these shapes and main checks
 * every answer against them.
 */
import { z } from 'zod';
import { EntryIdSchema, EntryKindSchema, LocaleSchema } from './knowledge';
import { RoleSchema } from './sync-protocol';
import { VersionStateSchema } from './review-protocol';

export const MeResponseSchema = z.object({ name: z.string().min(1).max(200), role: RoleSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

const IsoDateSchema = z.string().datetime({ offset: true });
const VersionNumberSchema = z.number().int().positive();

/** One version's content (a step of the history, the live version beside an open one). */
export const VersionContentSchema = z.object({
  id: EntryIdSchema,
  locale: LocaleSchema,
  version: VersionNumberSchema,
  state: VersionStateSchema,
  kind: EntryKindSchema,
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  urlOrPath: z.string().nullable(),
  author: z.string(),
  createdAt: IsoDateSchema,
  approvedBy: z.string().nullable(),
  approvedAt: IsoDateSchema.nullable(),
});
export type VersionContent = z.infer<typeof VersionContentSchema>;

/**
 * One (id, locale) as a lead sees it: its current version (the open draft or version in review
 * when there is one, else the live one), with the live version beside an open one and the review
 * metadata the list filters on.
 */
export const LibraryRecordSchema = VersionContentSchema.extend({
  reviewComment: z.string().nullable(),
  /** How often a draft was saved in place (issue #14); the Library sends it back as `baseRevision`. */
  revision: z.number().int().nonnegative().default(0),
  owner: z.string(),
  verificationIntervalDays: z.number().int().positive(),
  /** When the live version must be verified again; null while nothing is live. */
  verificationDueAt: IsoDateSchema.nullable(),
  staleTranslation: z.boolean(),
  sourceLocale: LocaleSchema.nullable(),
  openFlags: z.number().int().nonnegative(),
  /** The live version when the current one is open (draft or in review); null otherwise. */
  live: VersionContentSchema.nullable(),
});
export type LibraryRecord = z.infer<typeof LibraryRecordSchema>;

export const MAX_LIBRARY_PAGE = 1000;
export const LibraryQuerySchema = z.object({
  cursor: z.string().max(1000).optional(),
  /** Only this entry's locales (the Library re-reads one entry after a change). */
  id: EntryIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIBRARY_PAGE).default(500),
});
export const LibraryPageSchema = z.object({ items: z.array(LibraryRecordSchema).max(MAX_LIBRARY_PAGE), nextCursor: z.string().nullable() });

/**
 * `GET /v1/library/changes?after=<event>` (issue #14, the Library's live refresh): `latest` is the
 * newest history event (every lead-visible change — a draft saved, a submission, an approval, a
 * flag — writes one); `ids` the entries with events after `after` (none without `after`), or null
 * when more than MAX_LIBRARY_CHANGED_IDS changed (then the Library re-reads everything).
 */
export const MAX_LIBRARY_CHANGED_IDS = 200;
export const LibraryChangesQuerySchema = z.object({ after: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional() });
export const LibraryChangesSchema = z.object({
  latest: z.number().int().nonnegative(),
  ids: z.array(EntryIdSchema).max(MAX_LIBRARY_CHANGED_IDS).nullable(),
});
export type LibraryChanges = z.infer<typeof LibraryChangesSchema>;
