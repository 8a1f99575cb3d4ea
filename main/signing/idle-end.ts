/**
 * Ends a signature thread (verify-pool.ts, worker-checks.ts) once it has been idle for IDLE_MS: a
 * sync's pages keep it busy, and between syncs it would only hold memory. It starts again with the
 * next big batch.
 */
const IDLE_MS = 30_000;

export class IdleEnd {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly end: () => void) {}

  /** A batch is starting (or the thread is ending): no idle end pending. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Nothing is running now: end after IDLE_MS unless cancel() comes first. */
  schedule(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.end();
    }, IDLE_MS);
    this.timer.unref();
  }
}
