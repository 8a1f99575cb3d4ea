/**
 * Serialises writers. SQLite allows one writer at a time and TypeORM's sqlite driver shares
 * one connection, so two interleaved transactions would nest and fail; every write in the
 * app goes through one queue instead. A failed task rejects its own caller only.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      this.pending -= 1;
    });
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves once everything queued so far has finished (successfully or not). */
  async drain(): Promise<void> {
    await this.tail;
  }
}
