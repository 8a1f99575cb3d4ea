/**
 * Ranks bots' new questions on a second thread (ranking-worker.ts), which holds its own copy of
 * the answer index fed the same change-log items, in the same order, as the main thread's.
 *
 * Why: on the bench (100,000 entries, 50 bot clients asking back to back) ranking a new question
 * costs ~0.8 ms and was ~43% of the main thread's CPU once answers were prepared ahead; the main
 * thread, saturated, was the limit while the second core had room. The price is a second index
 * (~300 MB at 100,000 entries) and its build at start, on the other core. A server on one core
 * gains nothing from it (`rankingThread: false`, `--no-ranking-thread`).
 *
 * Consistency: the copy is fed the items as the main index applies them, and a question is posted
 * after them, so it is ranked on exactly what the main thread had when it asked (the reply's
 * entries are then read from the main thread's prepared answers). Until the copy has loaded, or
 * after the thread failed, questions are ranked on the main thread (`available`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { assertNever } from '../../common/assert-never';
import type { IndexHit, SearchQuery } from '../../common/search/types';
import { startBundledWorker } from '../../common/workers/bundled-worker';
import type { Logger } from '../logger';
import type { FromRankingThread, ToRankingThread } from './ranking-messages';

/** What an index copy is told as the main index loads and follows the change log (answer-index.ts). */
export interface IndexReplica {
  beginLoad(): void;
  load(items: string[]): void;
  loaded(): void;
  apply(items: string[]): void;
}

interface Waiting {
  resolve(hits: IndexHit[]): void;
  reject(error: Error): void;
}

export class RankingThread implements IndexReplica {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private hasLoaded = false;
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly log: Logger,
  ) {
    worker.on('message', (message: FromRankingThread) => this.receive(message));
    worker.on('exit', (code) => this.fail(new Error(`the ranking thread exited with code ${code}`)));
    worker.on('error', (error) => this.fail(error));
  }

  static async start(log: Logger): Promise<RankingThread> {
    return new RankingThread(await startBundledWorker(path.dirname(fileURLToPath(import.meta.url)), 'ranking-worker'), log);
  }

  /** True while the copy holds a loaded index and the thread has not failed: rank() may be used. */
  get available(): boolean {
    return this.hasLoaded && this.failure === null;
  }

  /** The hits the main index would give now (rejects if the thread fails meanwhile). */
  rank(query: SearchQuery): Promise<IndexHit[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<IndexHit[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ type: 'rank', id, query });
    });
  }

  beginLoad(): void {
    this.post({ type: 'begin' });
  }

  load(items: string[]): void {
    this.post({ type: 'load', items });
  }

  loaded(): void {
    this.post({ type: 'loaded' });
  }

  apply(items: string[]): void {
    if (items.length > 0) this.post({ type: 'apply', items });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the ranking thread was closed');
    this.rejectWaiting(this.failure);
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private post(message: ToRankingThread): void {
    if (this.failure) return;
    this.worker.postMessage(message);
  }

  private receive(message: FromRankingThread): void {
    switch (message.type) {
      case 'started':
        return;
      case 'loaded':
        this.hasLoaded = true;
        return;
      case 'ranked':
        this.settle(message.id)?.resolve(message.hits);
        return;
      case 'failed':
        this.settle(message.id)?.reject(new Error(message.message));
        return;
      case 'warning':
        this.log.warn({ err: message.message }, 'ranking thread');
        return;
      default:
        assertNever(message, 'ranking thread message');
    }
  }

  private settle(id: number): Waiting | undefined {
    const waiting = this.waiting.get(id);
    this.waiting.delete(id);
    return waiting;
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.log.error({ err: error.message }, 'ranking thread failed: bots’ questions are ranked on the main thread from now on');
    this.rejectWaiting(error);
  }

  private rejectWaiting(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
