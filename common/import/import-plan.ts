/**
 * The dry-run plan of a bulk import: each record read from the file, classified against what the
 * server holds for its (id, locale) — `created` (nothing live), `changed` (its content differs
 * from the live version: which fields) or `left` (the same as the live version; nothing is sent)
 * — with the reason in words, and each bad record with its row. The CLI prints it
 * (`import … --server … --dry-run`) and the Library shows it; both submit only the created and
 * changed ones (main/application/import-service.ts). Plain data, so it crosses IPC as it is.
 */
import { z } from 'zod';
import { assertNever } from '../assert-never';
import { recordContent, type NumberedRecord, type ReadResult } from '../import-records';
import { entryKey, type KnowledgeEntry } from '../knowledge';
import { SubmitEntrySchema } from '../review-protocol';

export const PLAN_ACTIONS = ['created', 'changed', 'left'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

type Content = Pick<KnowledgeEntry, 'kind' | 'title' | 'body' | 'tags' | 'urlOrPath'>;

/** What the server holds for one (id, locale), as far as a plan needs it. */
export interface ServerEntryState {
  id: string;
  locale: string;
  /** The live (approved) version and its content. */
  live: { version: number; content: Content } | null;
  /** A version waiting in review, and who wrote it. */
  inReview: { version: number; author: string } | null;
}

export const PlanItemSchema = z.object({
  /** Where in the file: `line 3`, `row 3`, `macro 2 (id 7)`. */
  from: z.string(),
  action: z.enum(PLAN_ACTIONS),
  reason: z.string(),
  /** What would be submitted (also for `left`, so a later check can compare). */
  entry: SubmitEntrySchema,
  liveVersion: z.number().int().positive().nullable(),
  inReviewVersion: z.number().int().positive().nullable(),
});
export type PlanItem = z.infer<typeof PlanItemSchema>;

export const ImportPlanSchema = z.object({
  items: z.array(PlanItemSchema),
  /** `"<where>: <why>"` for each record that cannot be imported. */
  bad: z.array(z.string()),
  warnings: z.array(z.string()),
  /** False when the file as a whole could not be read: nothing of it may be submitted. */
  readable: z.boolean(),
});
export type ImportPlan = z.infer<typeof ImportPlanSchema>;

export interface PlanCounts {
  created: number;
  changed: number;
  left: number;
  bad: number;
}

export function planImport(read: ReadResult, server: ReadonlyMap<string, ServerEntryState>): ImportPlan {
  return {
    items: read.records.map((numbered) => planItem(numbered, server.get(entryKey(numbered.record.id, numbered.record.locale)) ?? null)),
    bad: read.problems.map(fromNdjsonLine),
    warnings: read.warnings.map(fromNdjsonLine),
    readable: read.readable,
  };
}

function planItem({ at, record }: NumberedRecord, state: ServerEntryState | null): PlanItem {
  const entry = recordContent(record, record.kind);
  const live = state?.live ?? null;
  const inReview = state?.inReview ?? null;
  const classified = classify(entry, live);
  const open = inReview ? ` version ${inReview.version} in review by ${inReview.author}` : '';
  const reason = open === '' ? classified.reason : `${classified.reason}; ${classified.action === 'left' ? `${open.trim()} stays` : `replaces${open}`}`;
  return {
    from: whereOf(at),
    action: classified.action,
    reason,
    entry,
    liveVersion: live?.version ?? null,
    inReviewVersion: inReview?.version ?? null,
  };
}

function classify(entry: Content, live: ServerEntryState['live']): { action: PlanAction; reason: string } {
  if (!live) return { action: 'created', reason: 'new entry' };
  const differing = differingFields(entry, live.content);
  if (differing.length === 0) return { action: 'left', reason: `same as live version ${live.version}` };
  return { action: 'changed', reason: `${differing.join(', ')} ${differing.length === 1 ? 'differs' : 'differ'} from live version ${live.version}` };
}

/** The content fields in which two versions of an entry differ (none: the same content), for the
 * plan's reasons and the local import's skip of an unchanged entry (main/cli/commands/import.ts). */
export function differingFields(a: Content, b: Content): string[] {
  const fields: string[] = [];
  if (a.kind !== b.kind) fields.push('kind');
  if (a.title !== b.title) fields.push('title');
  if (a.body !== b.body) fields.push('body');
  if (a.tags.length !== b.tags.length || a.tags.some((tag, i) => tag !== b.tags[i])) fields.push('tags');
  if ((a.urlOrPath ?? null) !== (b.urlOrPath ?? null)) fields.push('url_or_path');
  return fields;
}

/** The reader names NDJSON lines by number alone (`3: …`, the `file:3:` form); a plan says `line 3`. */
function whereOf(at: string): string {
  return /^\d+$/.test(at) ? `line ${at}` : at;
}

function fromNdjsonLine(message: string): string {
  return message.replace(/^(\d+):/, 'line $1:');
}

export function planCounts(plan: ImportPlan): PlanCounts {
  const counts: PlanCounts = { created: 0, changed: 0, left: 0, bad: plan.bad.length };
  for (const item of plan.items) {
    switch (item.action) {
      case 'created':
      case 'changed':
      case 'left':
        counts[item.action] += 1;
        break;
      default:
        assertNever(item.action);
    }
  }
  return counts;
}

/** The items a submission sends: the created and changed ones. */
export function itemsToSubmit(plan: ImportPlan): PlanItem[] {
  return plan.items.filter((item) => item.action !== 'left');
}

/** The plan as text: one line a record (then one a bad record), for the CLI and logs of a run. */
export function planLines(plan: ImportPlan): string[] {
  return [
    ...plan.items.map((item) => `${item.action.padEnd(7)} ${item.entry.id} (${item.entry.locale}) from ${item.from}: ${item.reason}`),
    ...plan.bad.map((bad) => `bad     ${bad}`),
  ];
}

export function describeCounts(counts: PlanCounts): string {
  return `${counts.created} created, ${counts.changed} changed, ${counts.left} left, ${counts.bad} bad`;
}
