/**
 * The server's search index of live entries: the app's engine (common/search/) over exactly what
 * agents sync. It starts from each live entry's latest change-log item (the entry as agents
 * received it) and then follows the change log: every poke (server/pokes.ts, after a commit on
 * this instance or a NOTIFY from another) reads the items after the last one applied and applies
 * them in order, so an approval reaches bots and the FAQ as it reaches agents. Another epoch (a
 * restored backup) rebuilds it from scratch.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import { CuecardIndex } from '../../common/search/cuecard-index';
import type { EntryChange, IndexHit, SearchQuery } from '../../common/search/types';
import { readChangeRows } from '../db/change-page';
import { rawRows } from '../db/raw-sql';
import type { ServerDb } from '../db/server-db';
import type { Logger } from '../logger';
import type { PokeHub } from '../pokes';
import { EntryCatalog } from './entry-catalog';
import { changesOf, entriesOf } from './change-items';
import { IdleCompaction } from './idle-compaction';
import type { IndexReplica } from './ranking-thread';

/** Live entries read per statement at start (keyset pages of the primary key). */
const LOAD_CHUNK = 2000;
/** Change-log rows per catch-up read. */
const CATCH_UP_LIMIT = 2000;
const CATCH_UP_BYTES = 16 * 1024 * 1024;

export class AnswerIndex {
  private index = new CuecardIndex();
  /** Titles, versions and variants of every live entry (what the FAQ lists without the engine). */
  catalog = new EntryCatalog();
  private appliedSeq = 0;
  private epoch = '';
  private running: Promise<void> | null = null;
  private again = false;
  /** A replica to load before the next catch-up page (attachReplica). */
  private replicaWaiting: IndexReplica | null = null;
  private stopListening: () => void = () => undefined;
  private readonly caughtUpListeners = new Set<() => void>();
  private readonly appliedListeners = new Set<(changes: readonly EntryChange[] | 'all') => void>();
  private readonly compaction: IdleCompaction;

  private constructor(
    private readonly db: ServerDb,
    private readonly log: Logger,
    private replica: IndexReplica | null,
  ) {
    this.compaction = new IdleCompaction((error) => log.warn({ err: error instanceof Error ? error.message : String(error) }, 'answer index: merging fresh postings failed'));
  }

  /**
   * Loads every live entry and follows the log from there on; `replica` (the ranking thread's
   * copy) is given every item this index applies, in the same order.
   */
  static async open(db: ServerDb, pokes: PokeHub, log: Logger, replica: IndexReplica | null = null): Promise<AnswerIndex> {
    const answers = new AnswerIndex(db, log, replica);
    await answers.reload();
    answers.stopListening = pokes.subscribe(() => answers.poke());
    return answers;
  }

  /** The seq of the last change applied (the FAQ's cache key and the answers' `seq`). */
  get seq(): number {
    return this.appliedSeq;
  }

  get size(): number {
    return this.index.size;
  }

  /**
   * Ranked hits: ids, locales, scores and what the query matched, no entry text (the answers cut
   * their snippets from bodies they keep rendered; the FAQ lists titles from the catalog).
   */
  search(query: SearchQuery): IndexHit[] {
    return this.index.search(query);
  }

  get(id: string, locale: string): KnowledgeEntry | undefined {
    return this.index.get(id, locale);
  }

  /**
   * Gives `replica` every live entry, loaded in the catch-up's turn so no change slips between the
   * load and the changes that follow, and from then on every item this index applies. Only the
   * replica is loaded: this index and its listeners (the prepared answers) stay as they are.
   */
  attachReplica(replica: IndexReplica): Promise<void> {
    this.replicaWaiting = replica;
    return this.catchUp();
  }

  /** Catches up with the log now (also what a poke does); resolves when the log's end is applied. */
  catchUp(): Promise<void> {
    this.poke();
    return this.running ?? Promise.resolve();
  }

  /**
   * Called with the changes each catch-up page applied, or `'all'` when the index was rebuilt
   * (a new epoch): what PreparedAnswers prepares ahead of the questions.
   */
  onApplied(listener: (changes: readonly EntryChange[] | 'all') => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  /** Called after every catch-up that applied something (tests and the end-to-end demo wait on it). */
  onCaughtUp(listener: () => void): () => void {
    this.caughtUpListeners.add(listener);
    return () => this.caughtUpListeners.delete(listener);
  }

  /** Stops following the log and frees the index; listeners are forgotten. */
  close(): void {
    this.stopListening();
    this.compaction.cancel();
    for (const listeners of [this.caughtUpListeners, this.appliedListeners]) listeners.clear();
    this.index.clear();
  }

  private poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.follow();
        } catch (error) {
          // The next poke retries from the same seq; answers stay as they were meanwhile.
          this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'answer index: catching up with the change log failed');
        }
      } while (this.again);
      this.running = null;
    })();
  }

  private async follow(): Promise<void> {
    let applied = false;
    for (;;) {
      const waiting = this.replicaWaiting;
      if (waiting) {
        this.replicaWaiting = null;
        await this.loadReplica(waiting);
      }
      const page = await this.db.read((m) => readChangeRows(m, this.appliedSeq, CATCH_UP_LIMIT, CATCH_UP_BYTES));
      if (page.epoch !== this.epoch) {
        this.log.warn({ epoch: page.epoch, previous: this.epoch }, 'answer index: the change log has a new epoch; rebuilding');
        await this.reload();
        for (const listener of this.appliedListeners) listener('all');
        applied = true;
        continue;
      }
      const items = page.rows.map((r) => r.item);
      const changes = changesOf(items);
      this.index.apply(changes);
      this.replica?.apply(items);
      this.catalog.apply(changes);
      if (changes.length > 0) for (const listener of this.appliedListeners) listener(changes);
      if (page.rows.length > 0) {
        this.appliedSeq = (page.rows[page.rows.length - 1] as { seq: number }).seq;
        applied = true;
      }
      if (this.appliedSeq >= page.latestSeq || page.rows.length === 0) break;
    }
    if (!applied) return;
    this.compaction.schedule(this.index);
    for (const listener of this.caughtUpListeners) listener();
  }

  /**
   * Every live entry as its latest change-log item, read in keyset pages. The seq is read first:
   * a write committed while the pages are read is applied again by the catch-up that follows,
   * which is harmless (an upsert of the same entry, a remove of a missing one).
   */
  private async reload(): Promise<void> {
    const [state] = await this.db.read((m) => rawRows<{ latest_seq: number | string; epoch: string }>(m, 'SELECT latest_seq, epoch FROM server_state WHERE id = 1'));
    if (!state) throw new Error('server_state is missing its row');
    const index = new CuecardIndex();
    const catalog = new EntryCatalog();
    this.replica?.beginLoad();
    await this.readLiveItems((items) => {
      const changes = changesOf(items);
      index.addMany(entriesOf(changes));
      this.replica?.load(items);
      catalog.apply(changes);
    });
    index.freeze();
    this.replica?.loaded();
    this.index.clear();
    this.index = index;
    this.catalog = catalog;
    this.appliedSeq = Number(state.latest_seq);
    this.epoch = state.epoch;
  }

  /**
   * Loads a replica attached after the start with every live entry. Items committed after
   * `appliedSeq` may already be in what it reads; the catch-up that follows applies them again,
   * which is harmless, as for reload().
   */
  private async loadReplica(replica: IndexReplica): Promise<void> {
    replica.beginLoad();
    await this.readLiveItems((items) => replica.load(items));
    replica.loaded();
    this.replica = replica;
  }

  /** Every live entry's latest change-log item, in keyset pages of LOAD_CHUNK. */
  private async readLiveItems(visit: (items: string[]) => void): Promise<void> {
    let after = { id: '', locale: '' };
    for (;;) {
      const rows = await this.db.read((m) =>
        rawRows<{ id: string; locale: string; item: string }>(
          m,
          `SELECT e.id, e.locale, c.item FROM entries e JOIN change_log c ON c.seq = e.last_seq
           WHERE e.retired_at IS NULL AND (e.id > :afterId OR (e.id = :sameId AND e.locale > :afterLocale))
           ORDER BY e.id, e.locale LIMIT :limit`,
          { afterId: after.id, sameId: after.id, afterLocale: after.locale, limit: LOAD_CHUNK },
        ),
      );
      visit(rows.map((r) => r.item));
      const last = rows[rows.length - 1];
      if (!last || rows.length < LOAD_CHUNK) return;
      after = { id: last.id, locale: last.locale };
    }
  }
}
