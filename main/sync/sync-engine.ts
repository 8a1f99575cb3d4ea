/**
 * Keeps the local knowledge DB in step with the knowledge server. Pulls on demand
 * (`syncNow`), and when started listens to the server's event stream: an event that carries its
 * changes (a small page) is applied as it is when it continues the cursor (inline-pages.ts),
 * any other poke pulls the changes after the cursor, a timer pulls every few minutes in case a
 * poke was lost, and a lost stream reconnects with exponential backoff and jitter. Offline is a
 * normal state: nothing local is touched until a verified page arrives.
 */
import type { SyncStatusView } from '../../common/ipc-contract';
import { pullDepsOf, type SyncEngineDeps, type SyncResult, type SyncServerConfig } from './sync-engine-deps';
import type { Poke } from './event-stream-client';
import { messageOf } from './http';
import { LiveStream } from './live-stream';
import { pullOrResync } from './full-resync';
import { liveSink, META_CURSOR, META_EPOCH, META_LAST_SYNC, type PullOutcome, type SkippedLedger, type SyncPosition } from './puller';
import { describeSkipped, META_SKIPPED, NONE_SKIPPED, readSkipped, skippedWithRefused } from './skipped-entries';
import type { Timers } from '../core/ports';
import { InlinePages } from './inline-pages';
import { realTimers } from './timers';
import { SyncSchedule } from './sync-schedule';

export type { SyncEngineDeps, SyncResult, SyncServerConfig } from './sync-engine-deps';

type StatusListener = (status: SyncStatusView) => void;

export class SyncEngine {
  private readonly timers: Timers;
  private readonly schedule: SyncSchedule;
  private readonly log: (line: string) => void;
  private readonly listeners = new Set<StatusListener>();
  private current: SyncStatusView = { state: 'offline', lastSyncAt: null, cursor: 0, lastError: null };
  private position: SyncPosition | null = null;
  private running: Promise<SyncResult> | null = null;
  private again = false;
  /**
   * The furthest position a poke announced since the last pull started. The pull in flight (or
   * an event's page) often brought that change already; pulling again only when the cursor is
   * still short of it spares a request per poke to a busy client and server, and folds a burst
   * of pokes into one pull.
   */
  private poked: SyncPosition | null = null;
  /** Pages that came with events, waiting to be applied in order (inline-pages.ts). */
  private readonly inline = new InlinePages();
  /**
   * The server whose log `entries` follows, known after a successful pull: an event's page is
   * applied only then (not during a resync into staging, nor for a server just configured).
   */
  private liveServer: string | null = null;
  private live = false;
  private readonly stream: LiveStream;
  private persistedLastSync: string | null = null;
  private pullAbort = new AbortController();
  private resyncRequested = false;
  private readonly skipped: SkippedLedger = { state: NONE_SKIPPED };

  constructor(private readonly deps: SyncEngineDeps) {
    this.timers = {
      setTimeout: deps.setTimeout ?? realTimers.setTimeout,
      clearTimeout: deps.clearTimeout ?? realTimers.clearTimeout,
    };
    this.schedule = new SyncSchedule(deps, this.timers);
    this.log = deps.log;
    if (!deps.config()) this.current = { ...this.current, state: 'not_configured' };
    this.stream = new LiveStream(deps, this.timers, (attempt) => this.schedule.backoff(attempt), {
      onOpen: () => void this.syncNow(),
      onPoke: (poke) => this.heard(poke),
      // A new org key list: the pull fetches and checks it before anything else (PageScreen.prepare).
      onKeyList: () => void this.syncNow(),
      onLost: (failure) => this.update({ state: 'offline', lastError: failure }),
      onNotConfigured: () => this.update({ state: 'not_configured', lastError: null }),
    });
  }

  status(): SyncStatusView {
    return { ...this.current };
  }

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Goes live: event stream, poke-driven pulls and the fallback timer. */
  async start(): Promise<void> {
    if (this.live) return;
    this.live = true;
    await this.loadPosition();
    this.schedulePoll();
    this.stream.start();
  }

  /** Ends the live connection and timers, and waits for a pull in flight. */
  async stop(): Promise<void> {
    this.live = false;
    this.stream.stop();
    this.pullAbort.abort(new Error('sync stopped'));
    this.schedule.clear();
    this.inline.clear();
    this.liveServer = null;
    await this.settled();
    this.pullAbort = new AbortController();
  }

  /**
   * Resolves once the work in flight (pages applied, pulls, the pull a poke asked for during it)
   * has finished; at once when there is none. Does not start work, unlike `syncNow()`.
   */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** After the server URL or token changed in settings: drop the connection and go live again. */
  async reconnect(): Promise<void> {
    const wasLive = this.live;
    await this.stop();
    this.stream.resetFailures();
    this.schedule.succeeded();
    if (!this.deps.config()) this.update({ state: 'not_configured', lastError: null });
    if (wasLive) await this.start();
  }

  /**
   * Settings → "Resync from scratch": the next pull fetches the server's whole log into staging
   * and then replaces every entry with it in one switch (the old entries stay searchable until
   * then). Returns at once; the status follows the pull.
   */
  resyncFromScratch(): SyncStatusView {
    this.resyncRequested = true;
    void this.syncNow();
    return this.status();
  }

  /** Pulls everything after the cursor. Calls during a pull join it (and make it pull once more). */
  syncNow(): Promise<SyncResult> {
    this.again = true;
    return this.work();
  }

  /**
   * The one loop that writes: applies the events' pages that continue the cursor, then pulls when
   * asked to or when a poke announced more than the cursor reached, until neither holds.
   */
  private work(): Promise<SyncResult> {
    if (this.running) return this.running;
    const run = (async () => {
      let result: SyncResult | null = null;
      for (;;) {
        const inline = await this.applyInline();
        if (inline) {
          result = inline;
          continue; // more pages may have come during the commit
        }
        if (!this.again && !this.stillShortOf(this.poked)) break;
        this.again = false;
        this.poked = null;
        result = await this.pullOnce();
        if (!result.ok) break;
      }
      const cursor = this.position?.cursor ?? 0;
      return result ?? { ok: true as const, applied: 0, cursor, latestSeq: cursor };
    })();
    this.running = run.finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** A poke (with or without its page): work, or have the work in flight check whether it got this far. */
  private onPoke(poke: SyncPosition): void {
    // Of several pokes in one log the furthest counts; a poke from another log (epoch) replaces it.
    const known = this.poked;
    this.poked = known?.epoch === poke.epoch && known.cursor > poke.cursor ? known : poke;
    // After the current chunk of the stream: the events that came with this one join its work
    // (one pull, or one transaction and one index update for their pages).
    if (!this.running) queueMicrotask(() => void this.work());
  }

  /**
   * Applies the held pages that continue the cursor (inline-pages.ts), with the cursor in one
   * transaction. Null when none did: what a refused or failed page covered is left to the pull
   * that the poke's position asks for.
   */
  private async applyInline(): Promise<SyncResult | null> {
    const config = this.deps.config();
    const position = this.position;
    // Only onto the log `entries` follows: not during a resync, nor for a server just configured.
    if (!config || !position || this.resyncRequested || config.serverUrl !== this.liveServer) {
      this.inline.clear();
      return null;
    }
    const at = this.deps.now();
    const page = await this.inline.apply(position, liveSink(this.deps.store, config.serverUrl, () => at, this.skipped), this.deps);
    if (!page) return null;
    this.position = { cursor: page.nextCursor, epoch: page.epoch };
    this.persistedLastSync = at.toISOString();
    this.update({ state: 'online', cursor: page.nextCursor, lastSyncAt: this.persistedLastSync, lastError: describeSkipped(this.skipped.state) });
    return { ok: true, applied: page.items.length, cursor: page.nextCursor, latestSeq: page.latestSeq };
  }

  private stillShortOf(poke: SyncPosition | null): boolean {
    if (!poke) return false;
    const position = this.position;
    return !position || position.epoch !== poke.epoch || position.cursor < poke.cursor;
  }

  private async pullOnce(): Promise<SyncResult> {
    const config = this.deps.config();
    const position = await this.loadPosition();
    if (!config) {
      this.update({ state: 'not_configured', lastError: null });
      return { ok: false, error: 'sync is not configured (no server URL or token)', applied: 0, cursor: position.cursor };
    }
    this.update({ state: 'syncing' });
    this.liveServer = null;
    try {
      const outcome = await this.pullOrResync(config, position);
      await this.noteRefusedByKeyList();
      this.liveServer = config.serverUrl;
      const lastSyncAt = this.deps.now().toISOString();
      // A pull that applied pages stored lastSyncAt with them; an empty one (up to date, the
      // common case for pokes and polls) stores it at most once a minute to spare the disk.
      const persistedAgo = Date.parse(lastSyncAt) - Date.parse(this.persistedLastSync ?? '');
      if (outcome.applied === 0 && !(persistedAgo < 60_000)) await this.deps.meta.set(META_LAST_SYNC, lastSyncAt);
      if (outcome.applied > 0 || !(persistedAgo < 60_000)) this.persistedLastSync = lastSyncAt;
      this.schedule.succeeded();
      this.update({ state: 'online', lastSyncAt, lastError: describeSkipped(this.skipped.state) });
      return { ok: true, applied: outcome.applied, cursor: outcome.position.cursor, latestSeq: outcome.latestSeq };
    } catch (error) {
      const message = messageOf(error);
      const applied = (error as { applied?: number }).applied ?? 0;
      this.log(`sync failed: ${message}`);
      this.update({ state: 'offline', lastError: message });
      this.scheduleRetry();
      return { ok: false, error: message, applied, cursor: this.position?.cursor ?? position.cursor };
    }
  }

  private async pullOrResync(config: SyncServerConfig, position: SyncPosition): Promise<PullOutcome> {
    const resync = this.resyncRequested;
    this.resyncRequested = false;
    const deps = { ...pullDepsOf(this.deps, this.timers, this.pullAbort.signal), store: this.deps.store, meta: this.deps.meta, now: this.deps.now };
    const outcome = await pullOrResync(deps, config, { position, resync, skipped: this.skipped }, (next) => {
      this.position = next;
      this.update({ cursor: next.cursor });
    });
    this.position = outcome.position;
    this.update({ cursor: outcome.position.cursor });
    return outcome;
  }

  /** Entries a new org key list moved out of the store are named in the status, as skipped ones are. */
  private async noteRefusedByKeyList(): Promise<void> {
    const refused = (await this.deps.screen?.takeRefused?.()) ?? [];
    if (refused.length === 0) return;
    this.skipped.state = skippedWithRefused(this.skipped.state, refused);
    await this.deps.meta.set(META_SKIPPED, this.skipped.state);
  }

  private async loadPosition(): Promise<SyncPosition> {
    if (this.position) return this.position;
    const cursor = await this.deps.meta.get(META_CURSOR);
    const epoch = await this.deps.meta.get(META_EPOCH);
    const lastSyncAt = await this.deps.meta.get(META_LAST_SYNC);
    this.skipped.state = readSkipped(await this.deps.meta.get(META_SKIPPED));
    this.position = {
      cursor: typeof cursor === 'number' && Number.isSafeInteger(cursor) && cursor >= 0 ? cursor : 0,
      epoch: typeof epoch === 'string' ? epoch : null,
    };
    this.persistedLastSync = typeof lastSyncAt === 'string' ? lastSyncAt : null;
    this.update({ cursor: this.position.cursor, lastSyncAt: this.persistedLastSync });
    return this.position;
  }

  /** An event: keep the page it carries, and work unless it only confirms the cursor. */
  private heard(poke: Poke): void {
    const carried = poke.page !== undefined && this.deps.inlineChanges !== false && this.inline.add(poke.page);
    this.deps.trace?.event(poke.seq, carried);
    const position = this.position;
    if (!position || poke.seq !== position.cursor || poke.epoch !== position.epoch) {
      this.onPoke({ cursor: poke.seq, epoch: poke.epoch });
    }
  }

  private scheduleRetry(): void {
    if (!this.live) return;
    this.schedule.retryLater(() => {
      if (this.live) void this.syncNow();
    });
  }

  private schedulePoll(): void {
    if (this.live) this.schedule.pollLater(() => void this.syncNow().finally(() => this.schedulePoll()));
  }

  private update(patch: Partial<SyncStatusView>): void {
    const next = { ...this.current, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    const view = this.status();
    for (const listener of this.listeners) listener(view);
  }
}
