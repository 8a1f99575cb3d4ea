/**
 * Entries and the change log. Every write runs in one transaction that first bumps the
 * counter row, appends to the log and updates `entries`: all of it commits or none does.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import type { ChangesPage, PublishEntry } from '../../common/sync-protocol';
import { PublishEntrySchema } from '../../common/sync-protocol';
import type { ServerDb, Sql } from './server-db';

export interface Actor {
  name: string;
}

export interface WrittenChange {
  id: string;
  locale: string;
  version: number;
  seq: number;
}

export class NotFoundError extends Error {}

/** Called inside the write transaction with the new latest seq (PostgreSQL NOTIFY is transactional). */
export type CommitHook = (sql: Sql, latestSeq: number) => Promise<void>;

const ROW_CHUNK = 500;

export class KnowledgeRepo {
  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date = () => new Date(),
    private readonly inTransaction: CommitHook = async () => undefined,
  ) {}

  async state(sql: Sql = this.db): Promise<{ latestSeq: number; epoch: string }> {
    const [row] = await sql.rows<{ latest_seq: number | string; epoch: string }>(
      'SELECT latest_seq, epoch FROM server_state WHERE id = 1',
    );
    if (!row) throw new Error('server_state is missing its row');
    return { latestSeq: Number(row.latest_seq), epoch: row.epoch };
  }

  /** Publishes (inserts or changes) entries; a lead's publish approves them. */
  async publish(input: readonly PublishEntry[], actor: Actor): Promise<{ published: WrittenChange[]; latestSeq: number }> {
    const entries = input.map((e) => PublishEntrySchema.parse(e));
    if (entries.length === 0) return { published: [], latestSeq: (await this.state()).latestSeq };
    const at = this.now().toISOString();
    return this.db.transaction(async (sql) => {
      const first = await this.reserve(sql, entries.length);
      const versions = await this.currentVersions(sql, entries);
      const published: WrittenChange[] = [];
      const full: KnowledgeEntry[] = [];
      entries.forEach((e, i) => {
        const version = (versions.get(key(e.id, e.locale)) ?? 0) + 1;
        full.push({
          id: e.id,
          locale: e.locale,
          kind: e.kind,
          title: e.title,
          body: e.body,
          tags: e.tags,
          urlOrPath: e.urlOrPath,
          version,
          updatedAt: at,
          approvedBy: actor.name,
          approvedAt: at,
          reviewState: 'approved',
        });
        published.push({ id: e.id, locale: e.locale, version, seq: first + i });
      });
      for (let i = 0; i < full.length; i += ROW_CHUNK) {
        const chunk = full.slice(i, i + ROW_CHUNK);
        await sql.exec(
          `INSERT INTO entries (id, locale, kind, title, body, tags, url_or_path, version, updated_at,
             approved_by, approved_at, review_state, retired_at, last_seq)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)').join(', ')}
           ON CONFLICT (id, locale) DO UPDATE SET kind = excluded.kind, title = excluded.title,
             body = excluded.body, tags = excluded.tags, url_or_path = excluded.url_or_path,
             version = excluded.version, updated_at = excluded.updated_at, approved_by = excluded.approved_by,
             approved_at = excluded.approved_at, review_state = excluded.review_state, retired_at = NULL,
             last_seq = excluded.last_seq`,
          chunk.flatMap((e, j) => [
            e.id, e.locale, e.kind, e.title, e.body, JSON.stringify(e.tags), e.urlOrPath, e.version,
            e.updatedAt, e.approvedBy, e.approvedAt, e.reviewState, first + i + j,
          ]),
        );
        await sql.exec(
          `INSERT INTO change_log (seq, op, id, locale, version, entry, at, actor)
           VALUES ${chunk.map(() => `(?, 'upsert', ?, ?, ?, ?, ?, ?)`).join(', ')}`,
          chunk.flatMap((e, j) => [first + i + j, e.id, e.locale, e.version, JSON.stringify(e), at, actor.name]),
        );
      }
      const latestSeq = first + entries.length - 1;
      await this.inTransaction(sql, latestSeq);
      return { published, latestSeq };
    });
  }

  /** Retires a live entry: a `remove` change. */
  async retire(id: string, locale: string, actor: Actor): Promise<{ retired: WrittenChange; latestSeq: number }> {
    const at = this.now().toISOString();
    return this.db.transaction(async (sql) => {
      const [row] = await sql.rows<{ version: number }>(
        'SELECT version FROM entries WHERE id = ? AND locale = ? AND retired_at IS NULL',
        [id, locale],
      );
      if (!row) throw new NotFoundError(`no published entry "${id}" in locale "${locale}"`);
      const seq = await this.reserve(sql, 1);
      const version = Number(row.version) + 1;
      await sql.exec('UPDATE entries SET retired_at = ?, version = ?, last_seq = ? WHERE id = ? AND locale = ?', [
        at, version, seq, id, locale,
      ]);
      await sql.exec(
        `INSERT INTO change_log (seq, op, id, locale, version, entry, at, actor) VALUES (?, 'remove', ?, ?, ?, NULL, ?, ?)`,
        [seq, id, locale, version, at, actor.name],
      );
      await this.inTransaction(sql, seq);
      return { retired: { id, locale, version, seq }, latestSeq: seq };
    });
  }

  async changes(after: number, limit: number): Promise<ChangesPage> {
    return JSON.parse(await this.changesJson(after, limit)) as ChangesPage;
  }

  /**
   * A page of `/v1/changes` as JSON text. The log stores each entry as JSON already, so the
   * page is assembled from those strings instead of parsing and re-serialising every entry.
   */
  async changesJson(after: number, limit: number): Promise<string> {
    return (await this.changesPage(after, limit)).json;
  }

  async changesPage(after: number, limit: number): Promise<{ json: string; items: number }> {
    // latest_seq is read by the same statement as the items (one round trip, one consistent
    // snapshot); only an empty page needs a separate look at the state.
    const rows = await this.db.rows<{
      seq: number | string;
      op: string;
      id: string;
      locale: string;
      entry: string | null;
      latest: number | string;
      epoch: string;
    }>(
      `SELECT c.seq, c.op, c.id, c.locale, c.entry, s.latest_seq AS latest, s.epoch
       FROM change_log c CROSS JOIN server_state s
       WHERE s.id = 1 AND c.seq > ? ORDER BY c.seq LIMIT ?`,
      [after, limit],
    );
    const first = rows[0];
    const state = first ? { latestSeq: Number(first.latest), epoch: first.epoch } : await this.state();
    const items = rows.map((r) => {
      const head = `{"seq":${Number(r.seq)},"op":${JSON.stringify(r.op)},"id":${JSON.stringify(r.id)},"locale":${JSON.stringify(r.locale)}`;
      return r.op === 'remove' || r.entry === null ? `${head}}` : `${head},"entry":${r.entry}}`;
    });
    const last = rows[rows.length - 1];
    const nextCursor = last ? Number(last.seq) : after;
    const latestSeq = Math.max(state.latestSeq, nextCursor);
    const json =
      `{"epoch":${JSON.stringify(state.epoch)},"after":${after},"latestSeq":${latestSeq},` +
      `"items":[${items.join(',')}],"nextCursor":${nextCursor},"hasMore":${nextCursor < latestSeq}}`;
    return { json, items: items.length };
  }

  /** Live entries, for checks and tests. */
  async liveEntries(): Promise<Array<{ id: string; locale: string; version: number }>> {
    const rows = await this.db.rows<{ id: string; locale: string; version: number | string }>(
      'SELECT id, locale, version FROM entries WHERE retired_at IS NULL ORDER BY locale, id',
    );
    return rows.map((r) => ({ id: r.id, locale: r.locale, version: Number(r.version) }));
  }

  /** Takes `count` seqs; the row lock it takes serialises writers until commit. Returns the first. */
  private async reserve(sql: Sql, count: number): Promise<number> {
    await sql.exec('UPDATE server_state SET latest_seq = latest_seq + ? WHERE id = 1', [count]);
    const { latestSeq } = await this.state(sql);
    return latestSeq - count + 1;
  }

  private async currentVersions(sql: Sql, entries: ReadonlyArray<{ id: string; locale: string }>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const ids = [...new Set(entries.map((e) => e.id))];
    for (let i = 0; i < ids.length; i += ROW_CHUNK) {
      const chunk = ids.slice(i, i + ROW_CHUNK);
      const rows = await sql.rows<{ id: string; locale: string; version: number | string }>(
        `SELECT id, locale, version FROM entries WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const r of rows) out.set(key(r.id, r.locale), Number(r.version));
    }
    return out;
  }
}

function key(id: string, locale: string): string {
  return `${locale}\u0000${id}`;
}
