/**
 * The engine's live connection: `/v1/events` open while the engine is live, each event handed
 * on, and a lost stream reconnected with exponential backoff and jitter (a healthy stream that
 * ended, e.g. a server restart, starts again from the shortest delay).
 */
import { MAX_EVENT_CHARS } from '../../common/sync-protocol';
import type { SyncEngineDeps } from './sync-engine-deps';
import { watchPokes, type Poke } from './event-stream-client';
import { joinUrl } from './http';
import type { Timers } from '../core/ports';

export interface LiveStreamHooks {
  /** The stream is open: catch up on whatever happened while disconnected. */
  onOpen(): void;
  onPoke(poke: Poke): void;
  /** An admin uploaded org key list `version` (issue #15): fetch, check and apply it now. */
  onKeyList(version: number): void;
  /** The stream ended or failed (a reconnect is scheduled). */
  onLost(failure: string): void;
  /** No server configured: tried again after the poll interval. */
  onNotConfigured(): void;
}

export class LiveStream {
  private live = false;
  private abort: AbortController | null = null;
  private failures = 0;
  private timer: unknown = null;

  constructor(
    private readonly deps: SyncEngineDeps,
    private readonly timers: Timers,
    private readonly backoff: (attempt: number) => number,
    private readonly hooks: LiveStreamHooks,
  ) {}

  start(): void {
    if (this.live) return;
    this.live = true;
    void this.connect();
  }

  stop(): void {
    this.live = false;
    this.abort?.abort(new Error('sync stopped'));
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Settings changed: the next connection starts from the shortest delay. */
  resetFailures(): void {
    this.failures = 0;
  }

  private async connect(): Promise<void> {
    this.timer = null;
    if (!this.live) return;
    const config = this.deps.config();
    if (!config) {
      this.hooks.onNotConfigured();
      this.timer = this.timers.setTimeout(() => void this.connect(), this.deps.pollIntervalMs ?? 300_000);
      return;
    }
    const controller = new AbortController();
    this.abort = controller;
    const { failure, healthy } = await watchPokes({
      fetch: this.deps.fetch,
      url: joinUrl(config.serverUrl, '/v1/events'),
      token: config.token,
      signal: controller.signal,
      idleTimeoutMs: this.deps.streamIdleTimeoutMs ?? 45_000,
      maxEventChars: this.deps.maxEventChars ?? MAX_EVENT_CHARS,
      timers: this.timers,
      log: this.deps.log,
      onOpen: () => this.hooks.onOpen(),
      onPoke: (poke) => this.hooks.onPoke(poke),
      onSynonyms: (version) => this.deps.onSynonymsChanged?.(version),
      onKeyList: (version) => this.hooks.onKeyList(version),
    });
    if (healthy) this.failures = 0;
    if (this.abort === controller) this.abort = null;
    if (!this.live) return;
    this.hooks.onLost(failure);
    const delay = this.backoff(this.failures++);
    this.deps.log(`${failure}; reconnecting in ${Math.round(delay)} ms`);
    this.timer = this.timers.setTimeout(() => void this.connect(), delay);
  }
}
