/**
 * Usage signals counted in the local DB (migration 0005; held edits 0006) until the server has them. Counting is
 * an upsert per (day, kind, key, locale); sending takes every counted row into one batch under a
 * new id in the same transaction (so a count made meanwhile goes into the next batch), and the
 * batch stays until the server confirmed it: a resend after a lost answer carries the same id.
 */
import type { SignalItem, SignalKind } from '../../common/signals/signal-protocol';
import { MAX_SIGNAL_ITEMS } from '../../common/signals/signal-protocol';
import type { Database } from '../store/database';

/** One use's edit ratio, held until a later report of the agent's edit can no longer replace it. */
export interface HeldEdit {
  useId: string;
  day: string;
  key: string;
  locale: string;
  ratio: number;
  /** ISO time after which it is counted (and sent with the next batch). */
  releaseAt: string;
}

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

/** A counted row as sent: its key columns as they are, the count as a number, the optional parts where they apply. */
function item({ n, ratio_sum: ratioSum, query_text: queryText, ...counted }: CountRow): SignalItem {
  return { ...counted, n: Number(n), ...(counted.kind === 'edited' ? { ratioSum: Number(ratioSum) } : {}), ...(queryText ? { queryText } : {}) };
}

export class SignalStore {
  constructor(private readonly db: Database) {}

  /** One more of a kind; edits are not counted here but held first (holdEdit). */
  async count(signal: { day: string; kind: Exclude<SignalKind, 'edited'>; key: string; locale: string; queryText?: string }): Promise<void> {
    await this.db.writeSql((sql) =>
      sql.run(
        `INSERT INTO signal_counts (day, kind, key, locale, query_text, n, ratio_sum) VALUES (?, ?, ?, ?, ?, 1, 0)
         ON CONFLICT (day, kind, key, locale) DO UPDATE SET n = n + 1, query_text = COALESCE(excluded.query_text, query_text)`,
        [signal.day, signal.kind, signal.key, signal.locale, signal.queryText ?? null],
      ),
    );
  }

  /** Holds (or replaces: one ratio per use) a use's edit ratio until `releaseAt`. */
  async holdEdit(edit: HeldEdit): Promise<void> {
    await this.db.writeSql((sql) =>
      sql.run(
        `INSERT INTO held_edits (use_id, day, key, locale, ratio, release_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (use_id) DO UPDATE SET ratio = excluded.ratio`,
        [edit.useId, edit.day, edit.key, edit.locale, edit.ratio, edit.releaseAt],
      ),
    );
  }

  /** Counts not yet in a batch, batches waiting for the server, and edits still held: what will be sent. */
  async pending(): Promise<{ counted: SignalItem[]; batches: PendingBatch[]; held: HeldEdit[] }> {
    const rows = (await this.db.reader.query(
      `SELECT day, kind, key, locale, query_text, n, ratio_sum FROM signal_counts ORDER BY day, kind, key, locale`,
    )) as CountRow[];
    const batches = (await this.db.reader.query(`SELECT batch_id, server_url, payload FROM signal_batches ORDER BY created_at, batch_id`)) as Array<{
      batch_id: string;
      server_url: string;
      payload: string;
    }>;
    const held = (await this.db.reader.query(
      `SELECT use_id AS useId, day, key, locale, ratio, release_at AS releaseAt FROM held_edits ORDER BY release_at, use_id`,
    )) as HeldEdit[];
    return {
      held: held.map((h) => ({ ...h, ratio: Number(h.ratio) })),
      counted: rows.map(item),
      batches: batches.map((b) => ({ batchId: b.batch_id, serverUrl: b.server_url, items: JSON.parse(b.payload) as SignalItem[] })),
    };
  }

  /** The batch waiting for `serverUrl`, or a new one made of the counted rows (null: nothing to send). */
  async nextBatch(serverUrl: string, newId: () => string, now: Date): Promise<PendingBatch | null> {
    const waiting = (await this.pending()).batches.find((b) => b.serverUrl === serverUrl);
    if (waiting) return waiting;
    return this.db.write(async (tx) => {
      // Held edits whose time is up become counts first, in the same transaction as the batch.
      const due = now.toISOString();
      await tx.query(
        `INSERT INTO signal_counts (day, kind, key, locale, query_text, n, ratio_sum)
           SELECT day, 'edited', key, locale, NULL, COUNT(*), SUM(ratio) FROM held_edits WHERE release_at <= ? GROUP BY day, key, locale
         ON CONFLICT (day, kind, key, locale) DO UPDATE SET n = n + excluded.n, ratio_sum = ratio_sum + excluded.ratio_sum`,
        [due],
      );
      await tx.query(`DELETE FROM held_edits WHERE release_at <= ?`, [due]);
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
      await sql.run('DELETE FROM held_edits', []);
    });
  }
}
