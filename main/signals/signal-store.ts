/**
 * Usage signals counted in the local DB (migration 0005) until the server has them. Counting is
 * an upsert per (day, kind, key, locale); sending takes every counted row into one batch under a
 * new id in the same transaction (so a count made meanwhile goes into the next batch), and the
 * batch stays until the server confirmed it: a resend after a lost answer carries the same id.
 */
import type { SignalItem, SignalKind } from '../../common/signals/signal-protocol';
import { MAX_SIGNAL_ITEMS } from '../../common/signals/signal-protocol';
import type { Database } from '../store/database';

export interface PendingBatch {
  batchId: string;
  serverUrl: string;
  items: SignalItem[];
}

interface CountRow {
  day: string;
  kind: SignalKind;
  key: string;
  locale: string;
  query_text: string | null;
  n: number;
  ratio_sum: number;
}

function item(row: CountRow): SignalItem {
  return {
    day: row.day,
    kind: row.kind,
    key: row.key,
    locale: row.locale,
    n: Number(row.n),
    ...(row.kind === 'edited' ? { ratioSum: Number(row.ratio_sum) } : {}),
    ...(row.query_text ? { queryText: row.query_text } : {}),
  };
}

export class SignalStore {
  constructor(private readonly db: Database) {}

  async count(signal: { day: string; kind: SignalKind; key: string; locale: string; queryText?: string; ratio?: number }): Promise<void> {
    await this.db.writeSql((sql) =>
      sql.run(
        `INSERT INTO signal_counts (day, kind, key, locale, query_text, n, ratio_sum) VALUES (?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (day, kind, key, locale) DO UPDATE SET n = n + 1, ratio_sum = ratio_sum + excluded.ratio_sum,
           query_text = COALESCE(excluded.query_text, query_text)`,
        [signal.day, signal.kind, signal.key, signal.locale, signal.queryText ?? null, signal.ratio ?? 0],
      ),
    );
  }

  /** Counts not yet in a batch, and batches waiting for the server: what will be sent. */
  async pending(): Promise<{ counted: SignalItem[]; batches: PendingBatch[] }> {
    const rows = (await this.db.reader.query(
      `SELECT day, kind, key, locale, query_text, n, ratio_sum FROM signal_counts ORDER BY day, kind, key, locale`,
    )) as CountRow[];
    const batches = (await this.db.reader.query(`SELECT batch_id, server_url, payload FROM signal_batches ORDER BY created_at, batch_id`)) as Array<{
      batch_id: string;
      server_url: string;
      payload: string;
    }>;
    return {
      counted: rows.map(item),
      batches: batches.map((b) => ({ batchId: b.batch_id, serverUrl: b.server_url, items: JSON.parse(b.payload) as SignalItem[] })),
    };
  }

  /** The batch waiting for `serverUrl`, or a new one made of the counted rows (null: nothing to send). */
  async nextBatch(serverUrl: string, newId: () => string, now: Date): Promise<PendingBatch | null> {
    const waiting = (await this.pending()).batches.find((b) => b.serverUrl === serverUrl);
    if (waiting) return waiting;
    return this.db.write(async (tx) => {
      const rows = (await tx.query(
        `SELECT day, kind, key, locale, query_text, n, ratio_sum FROM signal_counts ORDER BY day, kind, key, locale LIMIT ?`,
        [MAX_SIGNAL_ITEMS],
      )) as CountRow[];
      if (rows.length === 0) return null;
      const batch = { batchId: newId(), serverUrl, items: rows.map(item) };
      await tx.query(`INSERT INTO signal_batches (batch_id, server_url, payload, created_at) VALUES (?, ?, ?, ?)`, [
        batch.batchId,
        serverUrl,
        JSON.stringify(batch.items),
        now.toISOString(),
      ]);
      for (const r of rows) await tx.query(`DELETE FROM signal_counts WHERE day = ? AND kind = ? AND key = ? AND locale = ?`, [r.day, r.kind, r.key, r.locale]);
      return batch;
    });
  }

  async sent(batchId: string): Promise<void> {
    await this.db.writeSql((sql) => sql.run('DELETE FROM signal_batches WHERE batch_id = ?', [batchId]));
  }

  /** Reporting turned off: what was counted and not yet sent is dropped, not sent later. */
  async clear(): Promise<void> {
    await this.db.writeSql(async (sql) => {
      await sql.run('DELETE FROM signal_counts', []);
      await sql.run('DELETE FROM signal_batches', []);
    });
  }
}
