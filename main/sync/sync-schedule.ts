/**
 * The engine's timers: a retry after a failed pull (exponential backoff with jitter, growing with
 * each failure in a row), the fallback poll in case a poke was lost, and the backoff the event
 * stream's reconnects use too.
 */
import type { Timers } from '../core/ports';
import type { SyncEngineDeps } from './sync-engine-deps';

export class SyncSchedule {
  private failures = 0;
  private retryTimer: unknown = null;
  private pollTimer: unknown = null;
  private readonly random: () => number;

  constructor(
    private readonly deps: Pick<SyncEngineDeps, 'random' | 'backoffInitialMs' | 'backoffMaxMs' | 'pollIntervalMs'>,
    private readonly timers: Timers,
  ) {
    this.random = deps.random ?? Math.random;
  }

  /** A pull failed: `retry` after a backoff that grows with each failure in a row (one retry pending at most). */
  retryLater(retry: () => void): void {
    if (this.retryTimer !== null) return;
    const delay = this.backoff(this.failures++);
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      retry();
    }, delay);
  }

  /** A pull reached the server: the next failure starts the backoff again. */
  succeeded(): void {
    this.failures = 0;
  }

  /** `poll` after the poll interval (the engine calls this again when the poll is done). */
  pollLater(poll: () => void): void {
    this.pollTimer = this.timers.setTimeout(() => {
      this.pollTimer = null;
      poll();
    }, this.deps.pollIntervalMs ?? 300_000);
  }

  /** Drops the pending retry and poll. */
  clear(): void {
    for (const timer of [this.retryTimer, this.pollTimer]) {
      if (timer !== null) this.timers.clearTimeout(timer);
    }
    this.retryTimer = this.pollTimer = null;
  }

  /** Exponential with jitter: half fixed, half random, so many clients do not return in step. */
  backoff(attempt: number): number {
    const initial = this.deps.backoffInitialMs ?? 1000;
    const ceiling = Math.min(this.deps.backoffMaxMs ?? 60_000, initial * 2 ** Math.min(attempt, 20));
    return ceiling / 2 + (ceiling / 2) * this.random();
  }
}
