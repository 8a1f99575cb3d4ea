/**
 * The wire format between the knowledge server and the sync client (and the publish CLI).
 * Both sides validate with these schemas: the server its input, the client every page.
 *
 * Sequence numbers: the server's change log is GAPLESS by design. Every write transaction
 * first increments one counter row (`UPDATE server_state SET latest_seq = latest_seq + n`),
 * which also serialises writers (the row lock is held until commit, on PostgreSQL across
 * instances too), so seqs are assigned in commit order and a rolled-back write takes its seqs
 * back with it. The client therefore requires every page to continue exactly where the last
 * one ended: first seq = `after` + 1 and each next seq = previous + 1. Anything else is a gap.
 */
import { z } from 'zod';
import {
  EntryIdSchema,
  EntryKindSchema,
  KnowledgeEntrySchema,
  LocaleSchema,
  MAX_BODY_LENGTH,
  MAX_TAGS,
  MAX_TITLE_LENGTH,
} from './knowledge';
import { illFormedMessage, illFormedReason } from './text/well-formed';

export const MAX_PAGE_SIZE = 5000;
export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PUBLISH_BATCH = 1000;
/** Body limit of the server; the publish CLI keeps its batches under it. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/** `bot`: read-only answers for a chatbot (issue #17), below `agent`: it never syncs the whole base. */
export const ROLES = ['bot', 'agent', 'lead', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const TokenNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._@-]+$/, 'may contain only letters, digits and . _ @ -');

/** Live articles with this tag make the public FAQ (`npm run server -- --faq-tag <tag>` changes it). */
export const DEFAULT_FAQ_TAG = 'faq';
/** What a bot token reads when it was created without `--tags`. */
export const DEFAULT_BOT_TAGS: readonly string[] = ['public'];
export const TagSchema = wellFormed(z.string().min(1).max(100));
export const BotTagsSchema = z.array(TagSchema).min(1).max(20);

// ---- errors ---------------------------------------------------------------
export const API_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'invalid_template',
  /** Too many requests (or failed authentications) in a time window: see the Retry-After header. */
  'rate_limited',
  /** The caller (or the server) holds as many event streams as it may. */
  'too_many_streams',
  'internal',
  /** The server is shutting down (503, Retry-After): try again shortly, another instance may answer. */
  'unavailable',
] as const;
export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string().max(100), message: z.string().max(10_000) }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

// ---- text --------------------------------------------------------------------
/** `schema` plus the one well-formed-text rule (common/text/well-formed.ts): no lone surrogate, no NUL. */
export function wellFormed<S extends z.ZodString>(schema: S): S {
  return schema.superRefine((value, ctx) => {
    const reason = illFormedReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: illFormedMessage('the text', reason) });
  }) as S;
}

// ---- publishing -------------------------------------------------------------
/** What a lead sends: the content only. Version, dates and approval are the server's. */
export const PublishEntrySchema = z
  .object({
    id: wellFormed(EntryIdSchema),
    locale: wellFormed(LocaleSchema),
    kind: EntryKindSchema,
    title: wellFormed(z.string().min(1).max(MAX_TITLE_LENGTH)),
    body: wellFormed(z.string().max(MAX_BODY_LENGTH)),
    tags: z.array(wellFormed(z.string().min(1).max(100))).max(MAX_TAGS).default([]),
    urlOrPath: wellFormed(z.string().max(2000)).nullable().default(null),
  })
  .strict();
export type PublishEntry = z.input<typeof PublishEntrySchema>;

// `POST /v1/entries` (publishing: versions submitted for review) is common/review-protocol.ts's.

export const RetireResultSchema = z.object({
  retired: z.object({ id: z.string(), locale: z.string(), version: z.number().int(), seq: z.number().int() }),
  latestSeq: z.number().int().nonnegative(),
});

// ---- the change feed --------------------------------------------------------
const SeqSchema = z.number().int().positive();

export const ChangeItemSchema = z.discriminatedUnion('op', [
  z.object({ seq: SeqSchema, op: z.literal('upsert'), id: EntryIdSchema, locale: LocaleSchema, entry: KnowledgeEntrySchema }),
  /** `retirement` (issue #15): the approver's signature of this retirement; agents with a pinned
   * org root key check it (common/signing/retirement.ts) and keep the entry without a valid one. */
  z.object({ seq: SeqSchema, op: z.literal('remove'), id: EntryIdSchema, locale: LocaleSchema, retirement: z.unknown().optional() }),
  /** A change an admin tombstoned (`npm run server -- changes tombstone <seq>`) because clients
   * could not apply it: nothing to apply, the cursor moves past it. */
  z.object({ seq: SeqSchema, op: z.literal('tombstone') }),
]);
export type ChangeItem = z.infer<typeof ChangeItemSchema>;

export const ChangesQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** `GET /v1/changes?after=&limit=` */
export const ChangesPageSchema = z.object({
  /** Identifies this server's change log; a new id means the log was reset (or another server). */
  epoch: z.string().min(1).max(100),
  /** The cursor the page was asked for, echoed so the client can check what it got. */
  after: z.number().int().nonnegative(),
  /** The highest seq the server has committed. */
  latestSeq: z.number().int().nonnegative(),
  items: z.array(ChangeItemSchema).max(MAX_PAGE_SIZE),
  /** The seq of the last item, or `after` for an empty page. */
  nextCursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof ChangesPageSchema>;

/**
 * The data of each `hello` and `change` event on `GET /v1/events`. A poke says the log reached
 * `seq`; a `change` event whose changes are small also carries them as `page`: the
 * `/v1/changes` page from the previous event's seq up to `seq` (at most INLINE_PAGE_MAX_BYTES),
 * so a client whose cursor is that page's `after` applies it without a request. The page is
 * unknown here: the client checks it as it checks every page (main/sync/verify-page.ts) and
 * pulls instead when it is missing, not contiguous with its cursor, or refused.
 */
export const PokeSchema = z.object({
  seq: z.number().int().nonnegative(),
  epoch: z.string().min(1).max(100),
  page: z.unknown().optional(),
});

/**
 * The largest page a `change` event carries inline (bytes of its JSON); a larger change is only
 * poked, and pulled. One approved article (~1–3 KB) fits many times over; the client's event
 * limit (MAX_EVENT_CHARS, 64 Ki characters) stays twice as large.
 */
export const INLINE_PAGE_MAX_BYTES = 32 * 1024;

export function apiError(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}

/** Short human text for a zod failure that names the field, e.g. `entries.3.title: Too big`. */
export function describeZodError(error: z.ZodError, limit = 5): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return parts.join('; ') + more;
}

// ---- size limits both sides hold to -------------------------------------------
/**
 * The most bytes of one `/v1/changes` answer: the server stops a page before its JSON would pass
 * it (after `limit` items at most, but always with at least one item), and the client reads no
 * more than this; past it the client stops reading and asks again for fewer items (down to one).
 * One entry's JSON is at most ~1.3 MB (a 200,000-character body of characters that JSON escapes
 * as `\uXXXX`), so one item always fits.
 */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/** The most characters of one `/v1/events` event the client buffers (a poke is under 200). */
export const MAX_EVENT_CHARS = 64 * 1024;
