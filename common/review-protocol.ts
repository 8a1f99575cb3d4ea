/**
 * The wire format of the review workflow (issue #13): submitting versions, review actions,
 * history, the leads' queue, flags from agents and the export. The server validates its input
 * with these schemas and the CLI every answer. Errors keep the `{ error: { code, message } }`
 * shape of common/sync-protocol.ts, with the current state or version when a 409 needs them.
 */
import { z } from 'zod';
import { EntryIdSchema, EntryKindSchema, ImportRecordSchema, LocaleSchema, MAX_TAGS } from './knowledge';
import { MAX_PUBLISH_BATCH, PublishEntrySchema, TokenNameSchema, wellFormed } from './sync-protocol';
import { VERSION_STATES } from './workflow';
import { FLAG_REASONS } from './workflow-rules';
import { ApprovalSignatureSchema } from './signing/approval';
import {
  MAX_FLAG_COMMENT_LENGTH,
  MAX_REVIEW_COMMENT_LENGTH,
  MAX_VERIFICATION_INTERVAL_DAYS,
  MIN_VERIFICATION_INTERVAL_DAYS,
} from './workflow-rules';


export const VersionStateSchema = z.enum(VERSION_STATES);
const VersionNumberSchema = z.number().int().positive().max(2_147_483_647);
const IsoDateSchema = z.string().datetime({ offset: true });

/** Well-formed text without leading/trailing blanks, 1..max characters. */
export function commentSchema(max: number) {
  return wellFormed(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));
}

// ---- errors ---------------------------------------------------------------------
/** Besides common/sync-protocol.ts's codes: `four_eyes`, `invalid_transition`, `stale_base`. */
export const WorkflowErrorSchema = z.object({
  error: z.object({
    code: z.string().max(100),
    message: z.string().max(10_000),
    currentState: VersionStateSchema.nullish(),
    currentVersion: z.number().int().nonnegative().nullish(),
  }),
});

// ---- submitting versions (`POST /v1/entries`) -------------------------------------
/**
 * An entry as a lead sends it; `baseVersion` is the version the edit started from (0: a new entry);
 * `draft: true` keeps the new version a draft (the Library's "Save draft") instead of putting it in review.
 */
export const SubmitEntrySchema = PublishEntrySchema.extend({
  baseVersion: z.number().int().nonnegative().optional(),
  draft: z.boolean().optional(),
  /**
   * With `draft` and a `baseVersion` that is a draft: the revision of it the edit started from. The
   * author's own draft is then saved in place (same version, next revision); a draft saved again
   * since is a stale base (server/review/submit-batch.ts).
   */
  baseRevision: z.number().int().nonnegative().optional(),
  /**
   * Signed knowledge (issue #15), with `approve` only: the admin's own signature of the version this
   * creates (a different version number than the one signed fails verification on every agent).
   */
  signature: ApprovalSignatureSchema.optional(),
}).strict();
export type SubmittedEntry = z.output<typeof SubmitEntrySchema>;

/** Each entry becomes a new version in review; `approve: true` (admins only) makes them live at once. */
export const SubmitBatchSchema = z
  .object({ entries: z.array(SubmitEntrySchema).min(1).max(MAX_PUBLISH_BATCH), approve: z.boolean().default(false) })
  .strict();
/** One entry, or `{ entries, approve? }` (told apart by the `entries` key, as publishing always was). */
export const SubmitRequestSchema = z.unknown().transform((body, ctx) => {
  const batch = typeof body === 'object' && body !== null && 'entries' in body;
  const parsed = batch ? SubmitBatchSchema.safeParse(body) : SubmitEntrySchema.safeParse(body);
  if (parsed.success) {
    return 'entries' in parsed.data
      ? { entries: parsed.data.entries, approve: parsed.data.approve, single: false }
      : { entries: [parsed.data], approve: false, single: true };
  }
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

const VersionRefSchema = z.object({ id: EntryIdSchema, locale: LocaleSchema, version: VersionNumberSchema, state: VersionStateSchema });
export type VersionRef = z.infer<typeof VersionRefSchema>;

export const SubmitResultSchema = z.object({
  versions: z.array(VersionRefSchema),
  /** True when an admin's `approve` made them live (recorded as a bulk import). */
  approved: z.boolean(),
  /** The change-log entries agents receive for them (empty while they are in review). */
  published: z.array(z.object({ id: z.string(), locale: z.string(), version: z.number().int(), seq: z.number().int() })),
  latestSeq: z.number().int().nonnegative(),
});
export type SubmitResult = z.infer<typeof SubmitResultSchema>;

// ---- review actions (`POST /v1/entries/:id/<action>`) -------------------------------
const LocaleBody = z.object({ locale: LocaleSchema });
export const REVIEW_ACTION_BODIES = {
  /** A draft (saved, or sent back) goes into review; `version` as for approve. */
  submit: LocaleBody.extend({ version: VersionNumberSchema.optional() }).strict(),
  /** `version` guards against approving something other than what the lead read. */
  /** `signature` (issue #15): the approver's own signature of exactly that version (`approve --key`). */
  approve: LocaleBody.extend({ version: VersionNumberSchema.optional(), signature: ApprovalSignatureSchema.optional() }).strict(),
  reject: LocaleBody.extend({ version: VersionNumberSchema.optional(), comment: commentSchema(MAX_REVIEW_COMMENT_LENGTH) }).strict(),
  verify: LocaleBody.strict(),
  'confirm-translation': LocaleBody.strict(),
  rollback: LocaleBody.extend({ to: VersionNumberSchema }).strict(),
  owner: LocaleBody.extend({
    owner: TokenNameSchema.optional(),
    verificationIntervalDays: z.number().int().min(MIN_VERIFICATION_INTERVAL_DAYS).max(MAX_VERIFICATION_INTERVAL_DAYS).optional(),
    sourceLocale: z.boolean().optional(),
  }).strict(),
} as const;
export type ReviewActionName = keyof typeof REVIEW_ACTION_BODIES;

export function reviewActionPath(id: string, action: ReviewActionName): string {
  return `/v1/entries/${encodeURIComponent(id)}/${action}`;
}

export const ReviewActionResultSchema = VersionRefSchema.extend({ latestSeq: z.number().int().nonnegative() });

// ---- history (`GET /v1/entries/:id/history?locale=`) ---------------------------------
export const HISTORY_EVENTS = [
  'submitted',
  'draft_saved',
  'approved',
  'bulk_approved',
  'rejected',
  'superseded',
  'retired',
  'rolled_back',
  'verified',
  'marked_stale',
  'translation_confirmed',
  'flagged',
  'flag_resolved',
  'owner_changed',
  /** A sensitive template's first approver signed it; it waits for the second (issue #15). */
  'signed',
] as const;
export const HistoryEventNameSchema = z.enum(HISTORY_EVENTS);

/** One step, oldest first: what happened (`event`) to which version, and that version's state after it. */
export const HistoryItemSchema = z.object({
  version: VersionNumberSchema,
  state: VersionStateSchema,
  event: HistoryEventNameSchema,
  /** Who wrote the version. */
  author: z.string(),
  /** Who did this step. */
  actor: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: IsoDateSchema.nullable(),
  at: IsoDateSchema,
  title: z.string(),
  comment: z.string().nullable(),
});
export type HistoryItem = z.infer<typeof HistoryItemSchema>;
export const HistoryResponseSchema = z.object({ id: EntryIdSchema, locale: LocaleSchema, items: z.array(HistoryItemSchema) });

// ---- the leads' queue (`GET /v1/queue`) -----------------------------------------------
const QueueBase = z.object({ id: EntryIdSchema, locale: LocaleSchema, title: z.string(), owner: z.string(), version: VersionNumberSchema });
export const QueueItemSchema = z.discriminatedUnion('reason', [
  QueueBase.extend({ reason: z.literal('in_review'), author: z.string(), submittedAt: IsoDateSchema, comment: z.string().nullable() }),
  QueueBase.extend({
    reason: z.literal('flagged'),
    flagId: z.string(),
    flagReason: z.enum(FLAG_REASONS),
    flaggedBy: z.string(),
    flaggedAt: IsoDateSchema,
    comment: z.string(),
  }),
  QueueBase.extend({ reason: z.literal('verification_due'), dueAt: IsoDateSchema }),
  QueueBase.extend({ reason: z.literal('stale_translation'), sourceLocale: LocaleSchema, sourceVersion: VersionNumberSchema }),
  /** Live, but a new org key list no longer accepts its signatures (issue #15): re-approve it. */
  QueueBase.extend({ reason: z.literal('signature_invalid'), problem: z.string() }),
]);
export type QueueItem = z.infer<typeof QueueItemSchema>;
export const QueueResponseSchema = z.object({ items: z.array(QueueItemSchema) });

// ---- flags from agents (`POST /v1/flags`, `POST /v1/flags/:flagId/resolve`) ----------------
export const FlagReasonSchema = z.enum(FLAG_REASONS);
export type FlagReason = z.infer<typeof FlagReasonSchema>;
/** `clientId` makes a resend after a lost answer harmless: the server keeps the first. */
export const FlagRequestSchema = z
  .object({
    clientId: z.uuid(),
    id: EntryIdSchema,
    locale: LocaleSchema,
    version: VersionNumberSchema,
    reason: FlagReasonSchema,
    comment: commentSchema(MAX_FLAG_COMMENT_LENGTH),
  })
  .strict();
export type FlagRequest = z.infer<typeof FlagRequestSchema>;
export const FlagResultSchema = z.object({ flagId: z.string(), duplicate: z.boolean() });
/** How a lead closes a flag: the text was changed, or it was right after all. */
export const FLAG_RESOLUTIONS = ['fixed', 'dismissed'] as const;
export const FlagResolutionSchema = z.enum(FLAG_RESOLUTIONS);
export const ResolveFlagSchema = z
  .object({ resolution: FlagResolutionSchema, comment: commentSchema(MAX_REVIEW_COMMENT_LENGTH).optional() })
  .strict();
export const ResolvedFlagSchema = z.object({ flagId: z.string(), resolution: FlagResolutionSchema });

// ---- export (`GET /v1/export?cursor=&limit=`) ----------------------------------------
/** The import format (snake_case as in the files) plus who owns and approved the live version. */
export const ExportRecordSchema = ImportRecordSchema.extend({
  kind: EntryKindSchema,
  url_or_path: z.string().max(2000).nullable(),
  tags: z.array(z.string().min(1).max(100)).max(MAX_TAGS),
  owner: z.string(),
  version: VersionNumberSchema,
  approvedBy: z.string().nullable(),
  approvedAt: IsoDateSchema.nullable(),
});
export type ExportRecord = z.infer<typeof ExportRecordSchema>;
export const MAX_EXPORT_PAGE = 1000;
export const ExportQuerySchema = z.object({
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_EXPORT_PAGE).default(500),
});
export const ExportPageSchema = z.object({ items: z.array(ExportRecordSchema).max(MAX_EXPORT_PAGE), nextCursor: z.string().nullable() });
