/** What a SyncEngine is given, and what a pull answers. */
import type { Logger } from '../core/ports';
import type { KeyValueStore } from '../store/key-value-store';
import type { KnowledgeStore } from '../store/knowledge-store';
import type { Timers } from '../core/ports';
import { MAX_PAGE_BYTES, MAX_PAGE_SIZE } from '../../common/sync-protocol';
import type { PageScreen, PullDeps } from './puller';

export interface SyncServerConfig {
  serverUrl: string;
  token: string;
}

export interface SyncEngineDeps {
  store: KnowledgeStore;
  /** The MetaEntity key/value store: cursor, epoch and last sync time live there. */
  meta: KeyValueStore;
  fetch: typeof fetch;
  now: () => Date;
  /** Read before every pull and connection, so changed settings apply without a restart. */
  config: () => SyncServerConfig | null;
  random?: () => number;
  setTimeout?: Timers['setTimeout'];
  clearTimeout?: Timers['clearTimeout'];
  log: Logger;
  pageSize?: number;
  requestTimeoutMs?: number;
  /** Fallback pull when no poke came. */
  pollIntervalMs?: number;
  /** Silence on the event stream after which it is treated as dead. */
  streamIdleTimeoutMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Limits on what a server can make the client hold (defaults: MAX_PAGE_BYTES, MAX_EVENT_CHARS). */
  maxPageBytes?: number;
  maxEventChars?: number;
  /** Signed knowledge (issue #15): verifies each page's entries before they are stored. */
  screen?: PageScreen;
  /**
   * False: ignore the changes `change` events carry and pull each poke, as clients did before
   * issue #19 (the benchmark's A/B switch; the app leaves it on).
   */
  inlineChanges?: boolean;
  /** A `synonyms` event arrived: the server's synonym set is at `version` now (issue #18: fetch it at once). */
  onSynonymsChanged?: (version: number) => void;
  /** Told how long each step of a sync took (benchmarks' per-phase breakdown); nothing by default. */
  trace?: SyncTracer;
}

/** The steps a sync times: a page's request and read, its JSON parse, its check, its commit (SQL, then the index via the store's listeners). */
export type SyncPhase = 'http' | 'parse' | 'verify' | 'apply' | 'inline-apply';

export interface SyncTracer {
  phase(name: SyncPhase, ms: number): void;
  /** A `hello` or `change` event arrived, announcing `seq`; `carried`: its page was kept to apply. */
  event(seq: number, carried: boolean): void;
}

export type SyncResult =
  | { ok: true; applied: number; cursor: number; latestSeq: number }
  | { ok: false; error: string; applied: number; cursor: number };


/** What a pull is given, from the engine's deps: the defaults for pages, limits and deadlines. */
export function pullDepsOf(deps: SyncEngineDeps, timers: Timers, cancel: AbortSignal): PullDeps & { log: Logger } {
  return {
    fetch: deps.fetch,
    timers,
    // The largest pages the server serves (they are held to MAX_PAGE_BYTES too): a first sync of
    // 100,000 entries in 20 transactions, index updates and round trips rather than 100
    // (issue #19; `bench:sync -- --compare-old` gives the ratio against pages of 1000).
    pageSize: deps.pageSize ?? MAX_PAGE_SIZE,
    requestTimeoutMs: deps.requestTimeoutMs ?? 30_000,
    maxPageBytes: deps.maxPageBytes ?? MAX_PAGE_BYTES,
    cancel,
    log: deps.log,
    ...(deps.screen ? { screen: deps.screen } : {}),
    ...(deps.trace ? { trace: deps.trace } : {}),
  };
}
