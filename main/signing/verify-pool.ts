/**
 * Verifies entries' signatures off the main thread (issue #19: a first sync of 100,000 signed
 * entries in ≤ 20 s). One Ed25519 verification costs ~115 µs of CPU here and its JCS payload
 * ~35 µs (measured on 20,000 bench entries on this 2-core machine, under load), i.e. ~15 s of
 * main-thread time per 100,000 entries; in a worker it runs on the other core while the main
 * thread stores and indexes the page before. Without workers (two cores or fewer) a big batch is
 * planned on the main thread and its Ed25519 checks run in one thread fed a transferred buffer
 * (worker-checks.ts); small batches (live changes, a key-list sweep of a small store) are planned
 * on the main thread with their checks on libuv's threadpool (threadpool-verify.ts), no copy made.
 * The rule is the same everywhere: common/signing/verify-entry.ts.
 *
 * A worker that fails or dies never lets an entry through unchecked: its share is verified on
 * the main thread instead. Idle workers end after IdleEnd's 30 s and start again with the next big batch.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { KeyList } from '../../common/signing/key-list';
import type { EntryVerdict, VerifiableEntry } from '../../common/signing/verify-entry';
import { startBundledWorker } from '../../common/workers/bundled-worker';
import { IdleEnd } from './idle-end';
import { verifyOnThreadpool } from './threadpool-verify';
import { WorkerChecks } from './worker-checks';

export interface VerifyJob {
  id: number;
  list: KeyList;
  entries: VerifiableEntry[];
}
export interface VerifyJobResult {
  id: number;
  verdicts: EntryVerdict[];
}

/** The verdict on each entry under a key list, in order. */
export interface SignatureVerifier {
  verify(entries: readonly VerifiableEntry[], list: KeyList): Promise<EntryVerdict[]>;
  /** Starts the workers ahead of a big batch (a pull beginning), so their start-up overlaps the first request. */
  warm(): void;
  close(): Promise<void>;
}

/** Batches from this size go to the workers (a live change's page is a few entries). */
const DEFAULT_WORKER_MIN = 256;
/**
 * Workers for a machine with this many cores: one per core beyond the main thread's, at most 4,
 * and none on two cores or fewer. There the worker competes with the main thread (and, on a laptop
 * that also runs the server, with the server) for the same two cores and each page is copied to it:
 * bench:sync, 100,000 signed entries, quiet 2-core machine (29 Nov 2026, one after the other):
 * full sync 55.8 s with one worker (client CPU 61.0 s) against 38.1 s inline (client CPU 39.5 s).
 */
export function defaultVerifyWorkers(cores: number): number {
  return cores <= 2 ? 0 : Math.min(4, cores - 1);
}
const DEFAULT_WORKERS = defaultVerifyWorkers(availableParallelism());
const here = path.dirname(fileURLToPath(import.meta.url));

/** A verify-worker.ts thread that has loaded its code. */
export function spawnVerifyWorker(): Promise<Worker> {
  return startBundledWorker(here, 'verify-worker');
}

/**
 * Without workers: planned on the main thread, the Ed25519 checks on libuv's threadpool
 * (threadpool-verify.ts). Measured against the synchronous checks it replaced: see that file.
 */
const verifyInline = verifyOnThreadpool;

/** Only what verifyEntry reads: a page's entries carry more (times, review state) that need not be copied to a worker. */
const signedFields = ({ id, locale, kind, title, body, tags, urlOrPath, version, signatures }: VerifiableEntry): VerifiableEntry => ({
  id, locale, kind, title, body, tags, urlOrPath, version, signatures,
});

interface PooledWorker {
  worker: Worker;
  pending: Map<number, (verdicts: EntryVerdict[] | null) => void>;
}

export class VerifyPool implements SignatureVerifier {
  private workers: Promise<PooledWorker[]> | null = null;
  private nextId = 1;
  private readonly idle = new IdleEnd(() => {
    if (this.busy === 0) void this.close();
  });
  private busy = 0;

  constructor(
    private readonly options: {
      workers?: number;
      /** Batches from this size go to the workers (default 256). */
      workerMin?: number;
      log?: (line: string) => void;
      /** Starts one worker (default: verify-worker.ts through bundled-worker.ts). */
      spawn?: () => Promise<Worker>;
      /**
       * Without workers, where a big batch's Ed25519 checks run: 'thread' (default: planned here,
       * checked in one thread fed a transferred buffer, worker-checks.ts) or 'threadpool'.
       */
      checks?: 'thread' | 'threadpool';
      /** Starts the check thread (default: check-worker.ts through bundled-worker.ts). */
      spawnChecks?: () => Promise<Worker>;
    } = {},
  ) {
    const workers = options.workers ?? DEFAULT_WORKERS;
    if (workers === 0 && (options.checks ?? 'thread') === 'thread') {
      this.checkThread = new WorkerChecks({ ...(options.spawnChecks ? { spawn: options.spawnChecks } : {}), ...(options.log ? { log: options.log } : {}) });
    }
  }

  /** Without workers: the one thread running a big batch's Ed25519 checks (null: the threadpool). */
  private readonly checkThread: WorkerChecks | null = null;

  warm(): void {
    if (this.checkThread) this.checkThread.warm();
    else void this.pool();
  }

  async verify(entries: readonly VerifiableEntry[], list: KeyList): Promise<EntryVerdict[]> {
    if (entries.length < (this.options.workerMin ?? DEFAULT_WORKER_MIN)) return verifyInline(entries, list);
    if (this.checkThread) return this.checkThread.verify(entries, list);
    this.busy += 1;
    try {
      const workers = await this.pool();
      if (workers.length === 0) return await verifyInline(entries, list);
      const share = Math.ceil(entries.length / workers.length);
      const parts = workers.map(async (w, i) => {
        const slice = entries.slice(i * share, (i + 1) * share);
        const verdicts = await this.run(w, slice, list);
        return verdicts?.length === slice.length ? verdicts : verifyInline(slice, list);
      });
      return (await Promise.all(parts)).flat();
    } finally {
      this.busy -= 1;
      this.scheduleIdleEnd();
    }
  }

  async close(): Promise<void> {
    await this.checkThread?.close();
    this.idle.cancel();
    const workers = this.workers;
    this.workers = null;
    for (const w of (await workers) ?? []) await w.worker.terminate();
  }

  /** The workers, started once (none when they cannot start: everything is then verified inline). */
  private pool(): Promise<PooledWorker[]> {
    this.idle.cancel();
    if (this.workers) return this.workers;
    const workers: Promise<PooledWorker[]> = Promise.all(
      Array.from({ length: this.options.workers ?? DEFAULT_WORKERS }, async () => {
        const worker = await (this.options.spawn ?? spawnVerifyWorker)();
        const pooled: PooledWorker = { worker, pending: new Map() };
        worker.on('message', ({ id, verdicts }: VerifyJobResult) => {
          pooled.pending.get(id)?.(verdicts);
          pooled.pending.delete(id);
        });
        worker.on('exit', () => {
          for (const answer of pooled.pending.values()) answer(null);
          pooled.pending.clear();
          if (this.workers === workers) this.workers = null; // the next batch starts fresh ones
        });
        return pooled;
      }),
    ).catch((error: unknown) => {
      this.options.log?.(`signature workers did not start, verifying on the main thread: ${error instanceof Error ? error.message : String(error)}`);
      if (this.workers === workers) this.workers = null;
      return [];
    });
    this.workers = workers;
    return workers;
  }

  /** The worker's verdicts, or null when it died first (the caller verifies inline). */
  private run(w: PooledWorker, entries: readonly VerifiableEntry[], list: KeyList): Promise<EntryVerdict[] | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      w.pending.set(id, resolve);
      try {
        const job: VerifyJob = { id, list, entries: entries.map(signedFields) };
        w.worker.postMessage(job);
      } catch {
        w.pending.delete(id);
        resolve(null);
      }
    });
  }

  private scheduleIdleEnd(): void {
    if (this.busy === 0 && this.workers) this.idle.schedule();
  }
}
