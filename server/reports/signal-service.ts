/**
 * Agents' usage signals (common/signals/signal-protocol.ts) summed per day on the server, and the
 * leads' reports read from them: `no-results` (top missed queries), `usage` (most and least used
 * entries, and live entries nobody used in the 90 days before the range's end), `edits`
 * (templates most rewritten after insert) and `stale` (translations and verifications due, from
 * the review workflow's queue). A range with no data answers no rows.
 */
import type { EntityManager } from 'typeorm';
import type { ReportName, SignalBatch, SignalKind } from '../../common/signals/signal-protocol';
import { assertNever } from '../../common/assert-never';
import { rawRows } from '../db/raw-sql';
import type { ServerDb } from '../db/server-db';
import { oncePerKey, type KeyedAnswer } from '../db/once-per-key';
import type { ReviewQueries } from '../review/review-queries';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A report without --since covers the last week (this week's top missed searches). */
const DEFAULT_RANGE_DAYS = 7;
const UNUSED_WINDOW_DAYS = 90;
type Row = Record<string, string | number | null>;
const USAGE_COLUMN: Partial<Record<SignalKind, string>> = { found: 'found', opened: 'opened', inserted: 'inserted', copied: 'copied' };

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const num = (value: unknown) => Number(value ?? 0);

export class SignalService {
  constructor(
    private readonly db: ServerDb,
    /** The review queue: the `stale` report lists its verification-due and stale-translation rows. */
    private readonly queries: ReviewQueries,
    /** Stamps ingested batches and ends a report's default range (tests pass a fixed one). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Adds a batch's counts once; a batch id seen before changes nothing. */
  async ingest(batch: SignalBatch, agent: string): Promise<KeyedAnswer<{ batchId: string }>> {
    const answer = { batchId: batch.batchId };
    const earlier = async (m: EntityManager) => {
      const [seen] = await rawRows(m, 'SELECT batch_id FROM signal_batches WHERE batch_id = :id', { id: batch.batchId });
      return seen ? answer : null;
    };
    return oncePerKey(this.db, earlier, async (m) => {
      await rawRows(m, 'INSERT INTO signal_batches (batch_id, agent, received_at) VALUES (:id, :agent, :at)', {
        id: batch.batchId,
        agent,
        at: this.now().toISOString(),
      });
      for (const item of batch.items) await this.add(m, item);
      return answer;
    });
  }

  private async add(m: EntityManager, item: SignalBatch['items'][number]): Promise<void> {
    const base = { day: item.day, key: item.key, locale: item.locale, n: item.n };
    const column = USAGE_COLUMN[item.kind];
    if (column) {
      await rawRows(
        m,
        `INSERT INTO signal_usage (day, id, locale, found, opened, inserted, copied)
         VALUES (:day, :key, :locale, ${['found', 'opened', 'inserted', 'copied'].map((c) => (c === column ? ':n' : '0')).join(', ')})
         ON CONFLICT (day, id, locale) DO UPDATE SET ${column} = signal_usage.${column} + excluded.${column}`,
        base,
      );
    } else if (item.kind === 'missed') {
      await rawRows(
        m,
        `INSERT INTO signal_missed (day, query_key, locale, query_text, searches) VALUES (:day, :key, :locale, :text, :n)
         ON CONFLICT (day, query_key) DO UPDATE SET searches = signal_missed.searches + excluded.searches,
           query_text = COALESCE(excluded.query_text, signal_missed.query_text)`,
        { ...base, text: item.queryText ?? null },
      );
    } else {
      await rawRows(
        m,
        `INSERT INTO signal_edits (day, id, locale, edits, ratio_sum) VALUES (:day, :key, :locale, :n, :ratio)
         ON CONFLICT (day, id, locale) DO UPDATE SET edits = signal_edits.edits + excluded.edits, ratio_sum = signal_edits.ratio_sum + excluded.ratio_sum`,
        { ...base, ratio: Math.min(item.ratioSum ?? 0, item.n) },
      );
    }
  }

  async report(name: ReportName, range: { since?: string | undefined; until?: string | undefined; limit: number }): Promise<{ since: string; until: string; rows: Row[] }> {
    const until = range.until ?? dayOf(this.now());
    const since = range.since ?? dayOf(new Date(Date.parse(until) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS));
    const params = { since, until, limit: range.limit };
    const rows = await this.db.read(async (m): Promise<Row[]> => {
      switch (name) {
        case 'no-results':
          return (
            await rawRows<Row>(
              m,
              `SELECT query_key, locale, MAX(query_text) AS query, SUM(searches) AS searches FROM signal_missed
               WHERE day >= :since AND day <= :until GROUP BY query_key, locale ORDER BY SUM(searches) DESC, query_key LIMIT :limit`,
              params,
            )
          ).map((r) => ({ queryKey: r.query_key as string, locale: r.locale as string, query: (r.query as string | null) ?? null, searches: num(r.searches) }));
        case 'usage':
          return this.usage(m, params);
        case 'edits':
          return (
            await rawRows<Row>(
              m,
              `SELECT s.id, s.locale, COALESCE(MAX(e.title), '') AS title, SUM(s.edits) AS edits, SUM(s.ratio_sum) AS ratio_sum
               FROM signal_edits s LEFT JOIN entries e ON e.id = s.id AND e.locale = s.locale
               WHERE s.day >= :since AND s.day <= :until GROUP BY s.id, s.locale
               ORDER BY SUM(s.ratio_sum) / SUM(s.edits) DESC, s.id LIMIT :limit`,
              params,
            )
          ).map((r) => ({ id: r.id as string, locale: r.locale as string, title: r.title as string, edits: num(r.edits), meanEditRatio: Math.round((num(r.ratio_sum) / num(r.edits)) * 1000) / 1000 }));
        case 'stale':
          return (await this.queries.queue(null))
            .flatMap((item): Row[] => {
              const row = { id: item.id, locale: item.locale, title: item.title, reason: item.reason };
              if (item.reason === 'verification_due') return [{ ...row, due: item.dueAt }];
              return item.reason === 'stale_translation' ? [{ ...row, due: null }] : [];
            })
            .slice(0, range.limit);
        default:
          return assertNever(name);
      }
    });
    return { since, until, rows };
  }

  private async usage(m: EntityManager, params: { since: string; until: string; limit: number }): Promise<Row[]> {
    const used = await rawRows<Row>(
      m,
      `SELECT u.id, u.locale, COALESCE(MAX(e.title), '') AS title, SUM(u.found) AS found, SUM(u.opened) AS opened,
         SUM(u.inserted) AS inserted, SUM(u.copied) AS copied,
         MAX(CASE WHEN u.opened + u.inserted + u.copied > 0 THEN u.day END) AS last_used
       FROM signal_usage u JOIN entries e ON e.id = u.id AND e.locale = u.locale AND e.retired_at IS NULL
       WHERE u.day >= :since AND u.day <= :until GROUP BY u.id, u.locale`,
      params,
    );
    const uses = (r: Row) => num(r.opened) + num(r.inserted) + num(r.copied);
    const shaped = (r: Row, group: string): Row => ({
      id: r.id as string,
      locale: r.locale as string,
      title: r.title as string,
      found: num(r.found),
      opened: num(r.opened),
      inserted: num(r.inserted),
      copied: num(r.copied),
      lastUsed: (r.last_used as string | null) ?? null,
      group,
    });
    const ranked = used.filter((r) => uses(r) > 0).sort((a, b) => uses(b) - uses(a) || String(a.id).localeCompare(String(b.id)));
    const most = ranked.slice(0, params.limit);
    const least = ranked.slice(most.length).reverse().slice(0, params.limit);
    // "Never used in 90 days" needs signals in those 90 days: without any, nothing is known.
    const windowStart = dayOf(new Date(Date.parse(params.until) - (UNUSED_WINDOW_DAYS - 1) * DAY_MS));
    const window = { start: windowStart, until: params.until, limit: params.limit };
    const [any] = await rawRows<Row>(m, 'SELECT COUNT(*) AS n FROM signal_usage WHERE day >= :start AND day <= :until', window);
    const unused =
      num(any?.n) === 0
        ? []
        : await rawRows<Row>(
            m,
            `SELECT e.id, e.locale, e.title, 0 AS found, 0 AS opened, 0 AS inserted, 0 AS copied, NULL AS last_used FROM entries e
             WHERE e.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM signal_usage u WHERE u.id = e.id AND u.locale = e.locale
               AND u.day >= :start AND u.day <= :until AND u.opened + u.inserted + u.copied > 0)
             ORDER BY e.id, e.locale LIMIT :limit`,
            window,
          );
    return [...most.map((r) => shaped(r, 'most')), ...least.map((r) => shaped(r, 'least')), ...unused.map((r) => shaped(r, 'unused_90_days'))];
  }
}
