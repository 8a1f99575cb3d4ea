/**
 * Bulk import for leads (issue #14), the use case the CLI (`import <file> --server … [--dry-run]`)
 * and the Library (through its IPC channels) share:
 *
 *   const imports = new ImportService(server);          // server: ReviewServerPort (below)
 *   imports.planImport(fileText: string, format: ImportFormat, options?: PlanOptions): Promise<ImportPlan>
 *     reads the file with the one reader (common/import-records.ts: NDJSON, CSV, osTicket, Zendesk),
 *     reads the lead's view of the server (every live entry, the versions in review) and
 *     classifies each record as created / changed / left with a reason
 *     (common/import/import-plan.ts). Sends no write request.
 *   imports.submitImport(plan: ImportPlan, options: { skipBadRows: boolean }): Promise<ImportSubmission>
 *     refuses a plan with bad records unless `skipBadRows` (then they are listed as skipped), and
 *     an unreadable file always; checks the server still holds what the plan was made against
 *     (else answers `stale` with the fresh plan, nothing sent); then submits the created and
 *     changed records for review in as few requests as the server's batch limit allows.
 *
 * The port is the three requests it makes; `httpReviewServer` (below) makes them through the review
 * API's one client for the CLI and the Library alike. Errors of the port (server unreachable, a
 * refusal) propagate.
 */
import { readImportRecords } from '../../common/import-records';
import { itemsToSubmit, planCounts, planImport, type ImportPlan, type PlanCounts, type ServerEntryState } from '../../common/import/import-plan';
import { entryKey, type EntryKind } from '../../common/knowledge';
import { ExportPageSchema, QueueResponseSchema, SubmitResultSchema, type QueueItem, type SubmitResult, type SubmittedEntry } from '../../common/review-protocol';
import { MAX_PUBLISH_BATCH, describeZodError } from '../../common/sync-protocol';
import type { ImportFormat } from '../../common/templates/import-formats';
import { submitBatches } from '../../common/import/submit-batches';
import type { z } from 'zod';
import { callServer, type ServerTarget } from '../review/review-client';

export interface ReviewServerPort {
  /** `GET /v1/export`: one page of live entries, `null` for the first. */
  exportPage(cursor: string | null): Promise<z.output<typeof ExportPageSchema>>;
  /** `GET /v1/queue`: what waits for the leads (only `in_review` items are used). */
  queue(): Promise<QueueItem[]>;
  /** `POST /v1/entries` with `{ entries }`: new versions in review. */
  submit(entries: SubmittedEntry[]): Promise<SubmitResult>;
}

/** Entries an export page: small enough that one page stays under the client's answer limit (as `export`). */
const EXPORT_PAGE = 100;

/** The port over HTTP, through the review API's one client (main/review/review-client.ts). */
export function httpReviewServer(target: ServerTarget): ReviewServerPort {
  return {
    exportPage: (cursor) =>
      callServer(target, 'GET', `/v1/export?limit=${EXPORT_PAGE}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, undefined, ExportPageSchema),
    queue: async () => (await callServer(target, 'GET', '/v1/queue', undefined, QueueResponseSchema)).items,
    submit: (entries) => callServer(target, 'POST', '/v1/entries', { entries }, SubmitResultSchema),
  };
}

export interface PlanOptions {
  /** The kind of a record that names none (NDJSON/CSV); foreign formats are templates. */
  defaultKind?: EntryKind;
  /** The locale of a CSV row or Zendesk macro that names none (`en` if not given). */
  defaultLocale?: string;
}

export type ImportSubmission =
  /** `latestSeq` is null when every record was left (nothing sent). */
  | { status: 'submitted'; counts: PlanCounts; submitted: number; requests: number; latestSeq: number | null; skipped: string[] }
  /** Bad records and no `skipBadRows`, or an unreadable file. Nothing was sent. */
  | { status: 'refused'; message: string }
  /** The server changed since the plan: nothing was sent; `plan` is the fresh one and `differences` says what moved. */
  | { status: 'stale'; plan: ImportPlan; differences: string[] };

/** Entries a submit request (publish's default too); submitBatches also bounds a request's bytes. */
const SUBMIT_BATCH = Math.min(500, MAX_PUBLISH_BATCH);

export class ImportService {
  constructor(private readonly server: ReviewServerPort) {}

  async planImport(fileText: string, format: ImportFormat, options: PlanOptions = {}): Promise<ImportPlan> {
    const defaultKind = options.defaultKind ?? (format === 'osticket' || format === 'zendesk' ? 'template' : undefined);
    const read = readImportRecords(fileText, {
      format,
      describe: describeZodError,
      ...(defaultKind ? { defaultKind } : {}),
      ...(options.defaultLocale ? { defaultLocale: options.defaultLocale } : {}),
    });
    if (read.records.length === 0) return planImport(read, new Map());
    return planImport(read, await this.serverState());
  }

  async submitImport(plan: ImportPlan, options: { skipBadRows: boolean }): Promise<ImportSubmission> {
    if (!plan.readable) return { status: 'refused', message: `${plan.bad[0] ?? 'the file could not be read'}; nothing was submitted` };
    if (plan.bad.length > 0 && !options.skipBadRows) {
      return { status: 'refused', message: `${plan.bad.length} bad record(s); nothing was submitted: fix them, or skip them explicitly (--skip-bad-rows)` };
    }
    const wanted = itemsToSubmit(plan);
    if (wanted.length === 0) return { status: 'submitted', counts: planCounts(plan), submitted: 0, requests: 0, latestSeq: null, skipped: plan.bad };
    const fresh = replan(plan, await this.serverState());
    const differences = plan.items.flatMap((item, i) => {
      const now = fresh.items[i];
      if (!now || (now.action === item.action && now.liveVersion === item.liveVersion && now.inReviewVersion === item.inReviewVersion)) return [];
      return [`${item.entry.id} (${item.entry.locale}): planned ${item.action} (${item.reason}), now ${now.action} (${now.reason})`];
    });
    if (differences.length > 0) return { status: 'stale', plan: fresh, differences };

    let submitted = 0;
    let requests = 0;
    let latestSeq = 0;
    for (const chunk of submitBatches(wanted.map((item) => item.entry), SUBMIT_BATCH)) {
      const result = await this.server.submit(chunk);
      submitted += result.versions.length;
      latestSeq = result.latestSeq;
      requests += 1;
    }
    return { status: 'submitted', counts: planCounts(plan), submitted, requests, latestSeq, skipped: plan.bad };
  }

  /** The lead's view: every live entry (export pages) and the versions in review (the queue). */
  private async serverState(): Promise<Map<string, ServerEntryState>> {
    const state = new Map<string, ServerEntryState>();
    const at = (id: string, locale: string): ServerEntryState => {
      const key = entryKey(id, locale);
      const known = state.get(key) ?? { id, locale, live: null, inReview: null };
      state.set(key, known);
      return known;
    };
    let cursor: string | null = null;
    do {
      const page = await this.server.exportPage(cursor);
      for (const r of page.items) {
        at(r.id, r.locale).live = {
          version: r.version,
          content: { kind: r.kind, title: r.title, body: r.body, tags: r.tags, urlOrPath: r.url_or_path ?? null },
        };
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    for (const item of await this.server.queue()) {
      if (item.reason === 'in_review') at(item.id, item.locale).inReview = { version: item.version, author: item.author };
    }
    return state;
  }
}

/** The same records planned against another server state (what submitImport checks before sending). */
function replan(plan: ImportPlan, state: ReadonlyMap<string, ServerEntryState>): ImportPlan {
  const records = plan.items.map((item) => ({
    line: 0,
    at: item.from,
    record: { ...item.entry, url_or_path: item.entry.urlOrPath, tags: item.entry.tags },
  }));
  const fresh = planImport({ records, problems: [], warnings: [], readable: true }, state);
  return { ...plan, items: fresh.items };
}
