/**
 * Entries and the change log. Every write runs in one transaction that first bumps the
 * counter row, appends to the log and updates `entries`: all of it commits or none does.
 * Single rows go through TypeORM's repositories; the publish batch and the page read are
 * hand-written SQL bound by the driver (raw-sql.ts), the query builder being measurably slower.
 */
import { IsNull, Not, type EntityManager } from 'typeorm';
import type { KnowledgeEntry } from '../../common/knowledge';
import type { ChangesPage, PublishEntry } from '../../common/sync-protocol';
import { MAX_PAGE_BYTES, PublishEntrySchema } from '../../common/sync-protocol';
import type { ServerDb } from './server-db';
import { changeItemJson, changesPageBytes } from './change-item';
import type { RetirementSignature } from '../../common/signing/retirement';
import { valuesList } from './raw-sql';
import { readChangeBytes } from './change-page';
import { ReviewTx, key } from '../review/review-tx';
import { submitBatch } from '../review/submit-batch';

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
export type CommitHook = (manager: EntityManager, latestSeq: number) => Promise<void>;

/** Rows per INSERT: 500 × 14 parameters stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const ROW_CHUNK = 500;

export class KnowledgeRepo {
  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date = () => new Date(),
    private readonly inTransaction: CommitHook = async () => undefined,
  ) {}

  get entities(): ServerDb['entities'] {
    return this.db.entities;
  }

  async state(manager?: EntityManager): Promise<{ latestSeq: number; epoch: string }> {
    const read = async (m: EntityManager) => {
      const row = await m.getRepository(this.db.entities.ServerState).findOneBy({ id: 1 });
      if (!row) throw new Error('server_state is missing its row');
      return { latestSeq: Number(row.latestSeq), epoch: row.epoch };
    };
    return manager ? read(manager) : this.db.read(read);
  }

  /**
   * Publishes entries straight to agents: new versions approved at once, in bulk, by `actor`
   * (what an admin's `publish --approve` does; see server/review/submit-batch.ts). Used by the
   * server's own tools and tests; a lead's publish over HTTP only submits versions for review.
   */
  async publish(input: readonly PublishEntry[], actor: Actor): Promise<{ published: WrittenChange[]; latestSeq: number }> {
    const entries = input.map((e) => PublishEntrySchema.parse(e));
    if (entries.length === 0) return { published: [], latestSeq: (await this.state()).latestSeq };
    const at = this.now().toISOString();
    return this.db.transaction(async (manager) => {
      const tx = new ReviewTx(manager, this, at, actor.name);
      const versions = await submitBatch(tx, entries, { name: actor.name, role: 'admin' }, true);
      const { latestSeq, sent } = await tx.finish();
      const submitted = new Set(versions.map((v) => key(v.id, v.locale)));
      return { published: sent.filter((s) => submitted.has(key(s.id, s.locale))), latestSeq: latestSeq ?? (await this.state(manager)).latestSeq };
    });
  }

  /**
   * Writes approved entries as agents receive them: the `entries` rows and one change-log upsert
   * each, seqs from `first` (reserved by the caller in this transaction). Returns the new latest seq.
   * The review workflow (server/review) calls it inside its own transactions.
   */
  async appendLive(manager: EntityManager, full: readonly KnowledgeEntry[], first: number, actorName: string, at: string): Promise<number> {
    for (let i = 0; i < full.length; i += ROW_CHUNK) {
      const chunk = full.slice(i, i + ROW_CHUNK);
      const rows = valuesList(
        manager,
        chunk.map((e, j) => [
          e.id, e.locale, e.kind, e.title, e.body, JSON.stringify(e.tags), e.urlOrPath, e.version,
          e.updatedAt, e.approvedBy, e.approvedAt, e.reviewState, null, first + i + j,
        ]),
      );
      await manager.query(
        `INSERT INTO entries (id, locale, kind, title, body, tags, url_or_path, version, updated_at,
           approved_by, approved_at, review_state, retired_at, last_seq)
         VALUES ${rows.sql}
         ON CONFLICT (id, locale) DO UPDATE SET kind = excluded.kind, title = excluded.title,
           body = excluded.body, tags = excluded.tags, url_or_path = excluded.url_or_path,
           version = excluded.version, updated_at = excluded.updated_at, approved_by = excluded.approved_by,
           approved_at = excluded.approved_at, review_state = excluded.review_state, retired_at = NULL,
           last_seq = excluded.last_seq`,
        rows.parameters,
      );
      const changes = valuesList(
        manager,
        chunk.map((e, j) => [
          first + i + j, 'upsert', e.id, e.locale, e.version, at, actorName, changeItemJson({ op: 'upsert', entry: e }),
        ]),
      );
      await manager.query(
        `INSERT INTO change_log (seq, op, id, locale, version, at, actor, item) VALUES ${changes.sql}`,
        changes.parameters,
      );
    }
    const latestSeq = first + full.length - 1;
    await this.inTransaction(manager, latestSeq);
    return latestSeq;
  }

  /** Retires a live entry: a `remove` change. */
  async retire(id: string, locale: string, actor: Actor): Promise<{ retired: WrittenChange; latestSeq: number }> {
    const at = this.now().toISOString();
    return this.db.transaction((manager) => this.retireIn(manager, id, locale, actor.name, at));
  }

  /** retire() inside the caller's transaction (the review workflow retires with its own bookkeeping). */
  async retireIn(
    manager: EntityManager,
    id: string,
    locale: string,
    actorName: string,
    at: string,
    /** The approver's signature of this retirement (issue #15), relayed to agents in the `remove` item. */
    retirement?: RetirementSignature,
  ): Promise<{ retired: WrittenChange; latestSeq: number }> {
    const { Entry, ChangeLog } = this.db.entities;
    const entries = manager.getRepository(Entry);
    const row = await entries.findOne({ select: { version: true }, where: { id, locale, retiredAt: IsNull() } });
    if (!row) throw new NotFoundError(`no published entry "${id}" in locale "${locale}"`);
    const seq = await this.reserve(manager, 1);
    const version = Number(row.version) + 1;
    await entries.update({ id, locale }, { retiredAt: at, version, lastSeq: seq });
    await manager.getRepository(ChangeLog).insert({
      seq,
      op: 'remove',
      id,
      locale,
      version,
      at,
      actor: actorName,
      item: changeItemJson({ op: 'remove', id, locale, ...(retirement ? { retirement } : {}) }),
    });
    await this.inTransaction(manager, seq);
    return { retired: { id, locale, version, seq }, latestSeq: seq };
  }

  /** The `remove` that retired (id, locale) as it stands, or null when it is not retired. */
  async removalOf(manager: EntityManager, id: string, locale: string): Promise<{ version: number; seq: number; signed: boolean } | null> {
    const { Entry, ChangeLog } = this.db.entities;
    const row = await manager.getRepository(Entry).findOne({ select: { version: true, lastSeq: true }, where: { id, locale, retiredAt: Not(IsNull()) } });
    const removal = row && (await manager.getRepository(ChangeLog).findOne({ select: { seq: true, item: true }, where: { seq: row.lastSeq, op: 'remove' } }));
    if (!row || !removal) return null;
    return { version: Number(row.version), seq: Number(removal.seq), signed: (JSON.parse(removal.item) as { retirement?: unknown }).retirement !== undefined };
  }

  /**
   * A retirement signed after it was made (issue #15 leftovers): the unsigned `remove` item carries
   * the signature from now on (a client syncing from scratch removes the entry there, and names no
   * refusal), and a new `remove` item reaches the agents that kept the entry past the unsigned one.
   */
  async signRetirementIn(
    manager: EntityManager,
    removal: { version: number; seq: number },
    target: { id: string; locale: string },
    retirement: RetirementSignature,
    actorName: string,
    at: string,
  ): Promise<{ signed: WrittenChange; latestSeq: number }> {
    const { id, locale } = target;
    const { Entry, ChangeLog } = this.db.entities;
    const item = changeItemJson({ op: 'remove', id, locale, retirement });
    const log = manager.getRepository(ChangeLog);
    await log.update({ seq: removal.seq }, { item });
    const seq = await this.reserve(manager, 1);
    await manager.getRepository(Entry).update({ id, locale }, { lastSeq: seq });
    await log.insert({ seq, op: 'remove', id, locale, version: removal.version, at, actor: actorName, item });
    await this.inTransaction(manager, seq);
    return { signed: { id, locale, version: removal.version, seq }, latestSeq: seq };
  }

  async changes(after: number, limit: number): Promise<ChangesPage> {
    return JSON.parse((await this.changesPage(after, limit)).json) as ChangesPage;
  }

  /**
   * A page of `/v1/changes` as UTF-8 JSON. Each stored item is JSON already, so the page is
   * assembled from those bytes instead of parsing and re-serialising every entry. The page
   * stops at `limit` items or before its JSON would pass MAX_PAGE_BYTES, whichever comes first,
   * but always holds at least one item.
   */
  async changesPageBytes(after: number, limit: number, budget = MAX_PAGE_BYTES): Promise<{ json: Buffer; items: number }> {
    const { rows, latestSeq, epoch } = await this.db.read((manager) => readChangeBytes(manager, after, limit, budget));
    return { json: changesPageBytes({ epoch, after, latestSeq, rows }), items: rows.length };
  }

  /** The same page as JSON text (the event stream inlines small ones). */
  async changesPage(after: number, limit: number, budget = MAX_PAGE_BYTES): Promise<{ json: string; items: number }> {
    const page = await this.changesPageBytes(after, limit, budget);
    return { json: page.json.toString('utf8'), items: page.items };
  }

  /** Live entries, for checks and tests. */
  async liveEntries(): Promise<Array<{ id: string; locale: string; version: number }>> {
    const rows = await this.db.read((m) =>
      m.getRepository(this.db.entities.Entry).find({
        select: { id: true, locale: true, version: true },
        where: { retiredAt: IsNull() },
        order: { locale: 'ASC', id: 'ASC' },
      }),
    );
    return rows.map((r) => ({ id: r.id, locale: r.locale, version: Number(r.version) }));
  }

  /**
   * Takes the writers' lock (the counter row's) without taking a seq: a review transaction reads
   * versions before it knows how many seqs it needs, and two instances reading the same latest
   * version first would both write "the next" one (PostgreSQL; SQLite's one writer never races).
   */
  async lockWriters(manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(this.db.entities.ServerState)
      .set({ latestSeq: () => 'latest_seq' })
      .where('id = 1')
      .execute();
  }

  /** Takes `count` seqs; the row lock it takes serialises writers until commit. Returns the first. */
  async reserve(manager: EntityManager, count: number): Promise<number> {
    await manager
      .createQueryBuilder()
      .update(this.db.entities.ServerState)
      .set({ latestSeq: () => 'latest_seq + :count' })
      .setParameter('count', count)
      .where('id = 1')
      .execute();
    const { latestSeq } = await this.state(manager);
    return latestSeq - count + 1;
  }
}
