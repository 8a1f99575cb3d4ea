/**
 * Usage signals (issue #18), computed on the agent's machine and sent as numbers with the sync:
 * per entry and day how often it was found, opened, inserted or copied; per normalised query and
 * day how many searches ended with nothing used (`missed`, the query text only when the
 * organisation's policy allows it); per template and day how much inserted replies were edited
 * (`edited`: count and the sum of edit ratios 0..1). POST /v1/signals takes one batch; a batch
 * id the server already has is answered as accepted and not counted again.
 */
import { z } from 'zod';
import { EntryIdSchema, LocaleSchema } from '../knowledge';
import { wellFormed } from '../sync-protocol';

export const SIGNAL_KINDS = ['found', 'opened', 'inserted', 'copied', 'missed', 'edited'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export const MAX_SIGNAL_ITEMS = 5000;
export const MAX_QUERY_TEXT = 200;
/** The most one item may add: no agent searches or inserts this often in a day. */
export const MAX_SIGNAL_COUNT = 100_000;

export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export const SignalItemSchema = z
  .object({
    day: DaySchema,
    kind: z.enum(SIGNAL_KINDS),
    /** The entry id, or for `missed` the hash of the normalised query (queryKey). */
    key: wellFormed(EntryIdSchema),
    locale: LocaleSchema,
    n: z.number().int().min(1).max(MAX_SIGNAL_COUNT),
    ratioSum: z.number().min(0).max(MAX_SIGNAL_COUNT).optional(),
    queryText: wellFormed(z.string().min(1).max(MAX_QUERY_TEXT)).optional(),
  })
  .strict();
export type SignalItem = z.infer<typeof SignalItemSchema>;

export const SignalBatchSchema = z.object({ batchId: z.uuid(), items: z.array(SignalItemSchema).min(1).max(MAX_SIGNAL_ITEMS) }).strict();
export type SignalBatch = z.infer<typeof SignalBatchSchema>;
export const SignalBatchResultSchema = z.object({ batchId: z.uuid(), duplicate: z.boolean() });

/** How a query is counted: case, width and spacing folded, punctuation at the ends dropped. */
export function normaliseQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
    .slice(0, MAX_QUERY_TEXT);
}

// ---- reports ----------------------------------------------------------------
export const REPORT_NAMES = ['no-results', 'usage', 'edits', 'stale'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const ReportQuerySchema = z.object({
  since: z.iso.date().optional(),
  until: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

export const NoResultsRowSchema = z.object({ queryKey: z.string(), locale: z.string(), query: z.string().nullable(), searches: z.number() });
export const UsageRowSchema = z.object({
  id: z.string(),
  locale: z.string(),
  title: z.string(),
  found: z.number(),
  opened: z.number(),
  inserted: z.number(),
  copied: z.number(),
  lastUsed: z.string().nullable(),
  group: z.enum(['most', 'least', 'unused_90_days']),
});
export const EditsRowSchema = z.object({ id: z.string(), locale: z.string(), title: z.string(), edits: z.number(), meanEditRatio: z.number() });
export const StaleRowSchema = z.object({
  id: z.string(),
  locale: z.string(),
  title: z.string(),
  reason: z.enum(['verification_due', 'stale_translation']),
  due: z.string().nullable(),
});

export const REPORT_ROWS = { 'no-results': NoResultsRowSchema, usage: UsageRowSchema, edits: EditsRowSchema, stale: StaleRowSchema } as const;

export const ReportSchema = z.object({
  report: z.enum(REPORT_NAMES),
  since: z.string(),
  until: z.string(),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
});

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading = + - @ would be a formula in a spreadsheet: quoted with a leading apostrophe.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A report as CSV: a header of the row fields, one line a row. */
export function reportCsv(name: ReportName, rows: ReadonlyArray<Record<string, string | number | null>>): string {
  const columns = Object.keys(REPORT_ROWS[name].shape);
  return `${[columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c] ?? null)).join(','))].join('\n')}\n`;
}
