/**
 * Owns the in-memory index for the process. At start it loads the persisted index; when that
 * was built from the store's current content version it is ready at once. Otherwise the index
 * is rebuilt in the background (in chunks, yielding to the event loop) while searches keep
 * answering from the stale persisted index, or from the partial new one when there is none.
 * Committed store changes are applied incrementally (and replayed onto a rebuild in flight).
 * The index is persisted after a rebuild and on close() when it changed.
 *
 * With `agentLocales`, changes for locales outside the agent's chain are held (CuecardIndex
 * .deferLocales) and indexed when a search, get() or the file needs them, or in the background
 * once the changes settle, a bounded slice per macrotask: a full sync of 41 locales indexes the
 * agent's ~1/41 before it is done (common/search/README.md, "Agent's locales first").
 */
import type { SearchHit } from '../../common/ipc-contract';
import type { KnowledgeEntry } from '../../common/knowledge';
import { CuecardIndex } from '../../common/search/cuecard-index';
import { searchEntries } from '../../common/search/entry-view';
import { localeChain } from '../../common/locale';
import { loadIndex, saveIndex } from '../../common/search/persist';
import type { QueryExpansion } from '../../common/search/query-expansion';
import type { EntryChange, SearchQuery, UsageSignal } from '../../common/search/types';
import type { KnowledgeStore } from '../store/knowledge-store';
import { ShownEntries } from './shown-entries';

export interface SearchServiceDeps {
  store: KnowledgeStore;
  /** Folder for the persisted index (next to the DB). */
  indexDir: string;
  usage?: UsageSignal;
  /** Entries added per event-loop turn during a background rebuild. */
  rebuildChunk?: number;
  /** Quiet time after the last change before a due merge runs (default COMPACT_IDLE_MS). */
  compactIdleMs?: number;
  /**
   * The agent's reply language and fallbacks (settings): when given, other locales' changes are
   * indexed after the sync settles, or when needed. Without it every change is indexed at once.
   */
  agentLocales?: () => { locale: string; fallbackLocales: readonly string[] };
  /** Quiet time after the last change before held locales are indexed (default HELD_IDLE_MS). */
  heldIdleMs?: number;
  /** Held changes indexed per macrotask in the background (default HELD_SLICE). */
  heldSlice?: number;
  /** Told about failures that must not stop the app (e.g. the index could not be written). */
  onError: (error: unknown) => void;
}

const DEFAULT_CHUNK = 1000;
/**
 * Quiet time after the last change before a due merge of fresh postings runs. Long enough
 * that a burst of pokes is over (a merge blocks the event loop: ~50 ms for 10k new terms).
 */
const COMPACT_IDLE_MS = 2000;

/** A sync's pages come closer together than this; a quiet second means it is over. */
const HELD_IDLE_MS = 1000;
/**
 * Held changes indexed per macrotask: ~500 gnome-help entries cost ~25–60 ms of CPU here, the
 * most a keystroke's search waits behind.
 */
const HELD_SLICE = 500;

export class SearchService {
  private unsubscribe: () => void = () => undefined;
  private index: CuecardIndex;
  private building: CuecardIndex | null = null;
  private pending: EntryChange[] = [];
  private closed = false;
  /** The current index reflects the store (loaded at the right version, or rebuilt). */
  private inSync = false;
  private compactTimer: NodeJS.Timeout | null = null;
  private heldTimer: NodeJS.Timeout | null = null;
  /** Bumped by every change: a background slice of an older generation stops. */
  private heldGeneration = 0;
  private heldWaiters: Array<() => void> = [];
  private expansion: QueryExpansion | undefined;
  /** Entries shown lately and their snippet text, read through on a miss (issue #19). */
  private readonly shown = new ShownEntries((id, locale) => this.index.get(id, locale));
  /** Resolves once the index matches the store (immediately when the persisted one did). */
  ready: Promise<void> = Promise.resolve();

  private constructor(
    private readonly deps: SearchServiceDeps,
    index: CuecardIndex,
  ) {
    this.index = index;
    index.usage = deps.usage;
    this.deferOn(index);
  }

  static async start(deps: SearchServiceDeps): Promise<SearchService> {
    const version = await deps.store.contentVersion();
    const loaded = loadIndex(deps.indexDir);
    const service = new SearchService(deps, loaded?.index ?? new CuecardIndex());
    service.unsubscribe = deps.store.onChange((changes) => service.onChanges(changes));
    if (!loaded || loaded.contentVersion !== version) service.ready = service.rebuild(!loaded);
    else service.inSync = true;
    return service;
  }

  /** True while a background rebuild is running (searches answer from the old/partial index). */
  get rebuilding(): boolean {
    return this.building !== null;
  }

  search(query: SearchQuery): SearchHit[] {
    return searchEntries(this.index, query, this.shown);
  }

  get(id: string, locale: string): KnowledgeEntry | undefined {
    return this.shown.entry(id, locale);
  }

  /** The organisation's synonyms (main/signals/synonym-sync.ts); kept across rebuilds. */
  setExpansion(expansion: QueryExpansion | undefined): void {
    this.expansion = expansion;
    this.index.expansion = expansion;
    if (this.building) this.building.expansion = expansion;
  }

  get size(): number {
    return this.index.size;
  }

  /** Changes held for locales outside the agent's chain (indexed in the background). */
  get heldChanges(): number {
    return this.index.heldChanges;
  }

  /** Resolves once no change is held (every locale indexed) or the service closed. */
  allLocalesIndexed(): Promise<void> {
    if (this.index.heldChanges === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.heldWaiters.push(resolve));
  }

  /** The agent changed their locale or fallbacks: index the new chain's held changes now. */
  agentLocalesChanged(): void {
    const agent = this.deps.agentLocales?.();
    if (!agent) return;
    this.index.applyHeldChain(agent.locale, agent.fallbackLocales);
    this.scheduleCompaction();
  }

  get unmergedTerms(): number {
    return this.index.unmergedTerms;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.closed = true;
    if (this.compactTimer) clearTimeout(this.compactTimer);
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldGeneration += 1;
    this.wakeHeldWaiters();
    await this.ready.catch(() => undefined);
    if (this.inSync && this.index.dirty) await this.persist();
    this.index.releaseFile();
  }

  private onChanges(changes: readonly EntryChange[]): void {
    this.shown.forget(changes.map((c) => (c.type === 'upsert' ? c.entry : c)));
    this.index.apply(changes);
    if (this.building && this.building !== this.index) this.pending.push(...changes);
    this.scheduleCompaction();
    this.scheduleHeld();
  }

  /** Held changes are indexed when the changes settle: a slice per macrotask, until none is held. */
  private scheduleHeld(): void {
    this.heldGeneration += 1;
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    if (this.closed || this.index.heldChanges === 0) return;
    const generation = this.heldGeneration;
    const slice = this.deps.heldSlice ?? HELD_SLICE;
    const step = (): void => {
      if (this.closed || generation !== this.heldGeneration) return;
      const left = this.index.applyHeldSome(slice);
      this.scheduleCompaction();
      if (left > 0) setImmediate(step);
      else this.wakeHeldWaiters();
    };
    this.heldTimer = setTimeout(() => {
      this.heldTimer = null;
      step();
    }, this.deps.heldIdleMs ?? HELD_IDLE_MS);
    this.heldTimer.unref();
  }

  private wakeHeldWaiters(): void {
    const waiters = this.heldWaiters;
    this.heldWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Holds `index`'s changes for locales outside the agent's chain, when the agent's locales are known. */
  private deferOn(index: CuecardIndex): void {
    const agentLocales = this.deps.agentLocales;
    if (!agentLocales) return;
    index.deferLocales((locale) => {
      const agent = agentLocales();
      return localeChain(agent.locale, agent.fallbackLocales, [locale]).includes(locale);
    });
  }

  /**
   * Merges a grown fresh layer off the keystroke path: after a quiet moment, or at the next turn
   * when it is large. Not while a rebuild fills the index (the rebuild freezes it at the end).
   */
  private scheduleCompaction(): void {
    if (this.closed || this.building === this.index) return;
    const need = this.index.compactionNeed;
    if (need === 'none') return;
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(
      () => {
        this.compactTimer = null;
        if (this.closed || this.building === this.index) return;
        try {
          this.index.compact();
        } catch (error) {
          // A partition past the typo keys' term limit (typo-keys.ts) keeps its fresh layer.
          this.deps.onError(error);
        }
      },
      need === 'now' ? 0 : (this.deps.compactIdleMs ?? COMPACT_IDLE_MS),
    );
    this.compactTimer.unref();
  }

  private async rebuild(searchPartial: boolean): Promise<void> {
    const next = new CuecardIndex();
    next.usage = this.deps.usage;
    next.expansion = this.expansion;
    this.deferOn(next);
    this.building = next;
    this.pending = [];
    try {
      const version = await this.deps.store.contentVersion();
      const entries = await this.deps.store.all();
      // With nothing better to answer from, search the new index while it fills up.
      if (searchPartial) this.replaceIndex(next);
      const chunk = this.deps.rebuildChunk ?? DEFAULT_CHUNK;
      for (let i = 0; i < entries.length && !this.closed; i += chunk) {
        next.addMany(entries.slice(i, i + chunk));
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (this.closed) return;
      next.apply(this.pending);
      this.pending = [];
      next.freeze();
      const old = this.index;
      this.replaceIndex(next);
      if (old !== next) old.releaseFile();
      this.building = null;
      this.inSync = true;
      await this.persist(version);
    } finally {
      this.building = null;
    }
  }

  private replaceIndex(next: CuecardIndex): void {
    this.index = next;
    this.shown.clear();
  }

  private async persist(version?: number): Promise<void> {
    try {
      saveIndex(this.index, this.deps.indexDir, version ?? (await this.deps.store.contentVersion()));
    } catch (error) {
      this.deps.onError(error);
    }
  }
}
