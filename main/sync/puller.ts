/**
 * One pull: pages through `/v1/changes` from the stored cursor until the server has no more,
 * committing each page together with its cursor in one transaction. The next page is fetched and
 * checked while the current one's signatures are verified (in a worker for a big page:
 * main/signing/worker-checks.ts), and its own are verified while the current one is stored and indexed; only the screen's last step (the rollback check
 * against what is stored) waits for that commit. A page that fails verification stops the pull with
 * nothing of it applied; pages committed before it stay.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import { entryKey } from '../../common/knowledge';
import type { ChangesPage } from '../../common/sync-protocol';
import type { KnowledgeStore } from '../store/knowledge-store';
import { jsonMayHoldIllFormedText } from '../../common/text/well-formed';
import { BodyTooLargeError, fetchText, joinUrl } from './http';
import type { Timers } from '../core/ports';
import type { SyncTracer } from './sync-engine-deps';
import { META_SKIPPED, skippedAfter, type SkippedState } from './skipped-entries';
import { PageError, verifyPage, type SkippedItem, type VerifiedPage } from './verify-page';

export const META_CURSOR = 'sync.cursor';
export const META_EPOCH = 'sync.epoch';
export const META_SERVER = 'sync.server';
export const META_LAST_SYNC = 'sync.lastSyncAt';

export interface SyncPosition {
  cursor: number;
  epoch: string | null;
}

export interface PullDeps {
  fetch: typeof fetch;
  timers: Timers;
  pageSize: number;
  requestTimeoutMs: number;
  /** The most bytes of one page answer read (see MAX_PAGE_BYTES). */
  maxPageBytes: number;
  /** Aborts the pull (the engine stopping). */
  cancel?: AbortSignal;
  trace?: SyncTracer;
  /** Signed knowledge (issue #15, main/signing): refuses entries a pinned root key does not vouch for. */
  screen?: PageScreen;
}

/**
 * Takes the entries this client must not store out of a verified page, as skipped items with
 * their reason; `prepare` starts once per pull, beside the first page's request. `screen` starts
 * the page's check at once (it may run while the page before is stored); its `settle`, called
 * once the page before is stored, answers the page to store.
 */
export interface PageScreen {
  prepare(server: { serverUrl: string; token: string }): void;
  screen(page: VerifiedPage): ScreeningPage;
  /**
   * Once the key list prepare() fetched is applied: the stored entries it refused (moved out of the
   * store, issue #15), each reported once, for the sync status.
   */
  takeRefused?(): Promise<SkippedItem[]>;
}

export interface ScreeningPage {
  settle(): Promise<VerifiedPage>;
}

export interface PullOutcome {
  applied: number;
  /** Items skipped as entries this client cannot store. */
  skipped: number;
  position: SyncPosition;
  latestSeq: number;
}

/** Commits one verified page together with the position after it. */
export type PageSink = (page: VerifiedPage) => Promise<void>;

/** Where a pull keeps the skipped items it reports (see skipped-entries.ts). */
export interface SkippedLedger {
  state: SkippedState;
}

/**
 * The sink of a normal pull: into `entries`, with the cursor, epoch, server, sync time and (when
 * they change) the skipped items, all in one transaction.
 */
export function liveSink(store: KnowledgeStore, serverUrl: string, now: () => Date, ledger: SkippedLedger): PageSink {
  return async (page) => {
    const { upserts, removals } = finalChanges(page);
    const skipped = skippedAfter(ledger.state, page);
    await store.applyAtomically(upserts, removals, {
      [META_CURSOR]: page.nextCursor,
      [META_EPOCH]: page.epoch,
      [META_SERVER]: serverUrl,
      [META_LAST_SYNC]: now().toISOString(),
      ...(skipped === ledger.state ? {} : { [META_SKIPPED]: skipped }),
    });
    ledger.state = skipped;
  };
}

export async function pull(
  deps: PullDeps,
  server: { serverUrl: string; token: string },
  start: SyncPosition,
  sink: PageSink,
  onPage: (position: SyncPosition) => void,
): Promise<PullOutcome> {
  let position = start;
  let applied = 0;
  let skipped = 0;
  let latestSeq = start.cursor;
  const pages = new PageFetcher(deps, server);
  let pending: Promise<IncomingPage> | null = incoming(deps, pages, start);
  deps.screen?.prepare(server);
  try {
    while (pending) {
      const next: IncomingPage = await pending;
      // The next page is fetched as soon as this one is checked, so its transfer and parse overlap
      // this page's signature checks and its own checks queue right behind them: fetching it only
      // after this page's checks had settled left the signature thread idle for every fetch
      // (100,000 signed entries, quiet machine: 27.1 s, of which 14.9 s waiting on checks).
      // At most three pages are held: one stored, one checked, one fetched.
      const ahead = next.page;
      pending = ahead.hasMore ? incoming(deps, pages, { cursor: ahead.nextCursor, epoch: ahead.epoch }) : null;
      pending?.catch(() => undefined); // observed below; this only silences an abandoned prefetch
      const started = performance.now();
      const page: VerifiedPage = await next.settle();
      deps.trace?.phase('verify', next.checkMs + performance.now() - started);
      if (page.items.length + page.skipped.length === 0 && page.epoch === position.epoch) break; // up to date: nothing to write
      const applyStarted = performance.now();
      await sink(page);
      deps.trace?.phase('apply', performance.now() - applyStarted);
      position = { cursor: page.nextCursor, epoch: page.epoch };
      applied += page.items.length;
      skipped += page.skipped.length;
      latestSeq = page.latestSeq;
      onPage(position);
    }
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { position, applied });
  }
  return { applied, skipped, position, latestSeq };
}

/**
 * A page after `after`, fetched and checked (verify-page.ts), its screening begun; `settle` once
 * the page before is stored (the screen's rollback check reads what is stored).
 */
interface IncomingPage {
  /** The page as checked (its cursor, epoch and whether more follow are final before `settle`). */
  page: VerifiedPage;
  settle(): Promise<VerifiedPage>;
  /** Main-thread time of the page's check and the start of its screening. */
  checkMs: number;
}

async function incoming(deps: PullDeps, pages: PageFetcher, after: SyncPosition): Promise<IncomingPage> {
  const { raw, textChecked } = await pages.fetch(after.cursor);
  const started = performance.now();
  const verified = verifyPage(raw, { after: after.cursor, epoch: after.epoch, textChecked });
  const screening = deps.screen?.screen(verified);
  return {
    page: verified,
    settle: screening ? () => screening.settle() : () => Promise.resolve(verified),
    checkMs: performance.now() - started,
  };
}

/** A page as parsed, and whether its text was found free of anything that could parse ill-formed. */
interface FetchedPage {
  raw: unknown;
  textChecked: boolean;
}

/**
 * Fetches pages of at most `maxPageBytes`. An answer past it is dropped unread and asked for
 * again with a tenth of the items (5000 → 500 → 50 → 5 → 1), and the pull goes on with the smaller
 * pages: a server whose pages are too big costs at most five reads of `maxPageBytes` per pull.
 */
class PageFetcher {
  private limit: number;

  constructor(
    private readonly deps: PullDeps,
    private readonly server: { serverUrl: string; token: string },
  ) {
    this.limit = deps.pageSize;
  }

  async fetch(after: number): Promise<FetchedPage> {
    for (;;) {
      const limit = this.limit;
      try {
        return await this.fetchOnce(after, limit);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError) || limit <= 1) throw error;
        this.limit = Math.min(this.limit, Math.max(1, Math.floor(limit / 10)));
      }
    }
  }

  private async fetchOnce(after: number, limit: number): Promise<FetchedPage> {
    const url = joinUrl(this.server.serverUrl, `/v1/changes?after=${after}&limit=${limit}`);
    let started = performance.now();
    const { text, response } = await fetchText(this.deps.fetch, url, {
      headers: { authorization: `Bearer ${this.server.token}`, accept: 'application/json' },
      timeoutMs: this.deps.requestTimeoutMs,
      maxBytes: this.deps.maxPageBytes,
      timers: this.deps.timers,
      ...(this.deps.cancel ? { cancel: this.deps.cancel } : {}),
    });
    const type = response.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw new PageError(`malformed page from the server: content type "${type.slice(0, 60)}", not application/json`);
    }
    this.deps.trace?.phase('http', performance.now() - started);
    started = performance.now();
    try {
      return { raw: JSON.parse(text) as unknown, textChecked: !jsonMayHoldIllFormedText(text) };
    } catch {
      throw new PageError(`malformed page from the server: not JSON (${text.slice(0, 60)}…)`);
    } finally {
      this.deps.trace?.phase('parse', performance.now() - started);
    }
  }
}

/** Later changes to the same entry on one page win: the page's net upserts and removals. */
export function finalChanges(page: Pick<ChangesPage, 'items'>): {
  upserts: KnowledgeEntry[];
  removals: Array<{ id: string; locale: string }>;
} {
  const final = new Map<string, { op: 'upsert'; entry: KnowledgeEntry } | { op: 'remove'; id: string; locale: string }>();
  for (const item of page.items) {
    if (item.op === 'tombstone') continue; // an admin voided this change: nothing to apply
    const key = entryKey(item.id, item.locale);
    final.delete(key); // keep insertion order = order of the last change
    final.set(key, item.op === 'upsert' ? { op: 'upsert', entry: item.entry } : { op: 'remove', id: item.id, locale: item.locale });
  }
  const upserts: KnowledgeEntry[] = [];
  const removals: Array<{ id: string; locale: string }> = [];
  for (const change of final.values()) {
    if (change.op === 'upsert') upserts.push(change.entry);
    else removals.push({ id: change.id, locale: change.locale });
  }
  return { upserts, removals };
}
