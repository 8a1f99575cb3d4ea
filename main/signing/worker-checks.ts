/**
 * Verifies a big batch of entries with the main thread planning each entry (its canonical payload,
 * the key-list rule: verify-entry.ts's planEntry/concludeEntry) and ONE worker thread running all
 * its Ed25519 checks (check-worker.ts), fed one transferred buffer per batch (check-batch.ts).
 * On two cores this replaces one async crypto.verify job per check on libuv's threadpool
 * (threadpool-verify.ts), whose submission and promise cost the main thread ~45 µs per entry
 * (bench:sync profile, 20,000 entries: "Ed25519 job" 613 ms + "screen + threadpool queue" 317 ms).
 *
 * Nothing goes through unchecked: a worker that cannot start, dies, or answers the wrong number
 * of checks has the batch verified on the threadpool instead. An idle worker ends after IdleEnd's 30 s.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { KeyList } from '../../common/signing/key-list';
import { concludeEntry, planEntry, type EntryPlan, type EntryVerdict, type VerifiableEntry } from '../../common/signing/verify-entry';
import { startBundledWorker } from '../../common/workers/bundled-worker';
import { CheckBatchWriter } from './check-batch';
import type { CheckJob, CheckJobResult } from './check-worker';
import { IdleEnd } from './idle-end';
import { verifyOnThreadpool } from './threadpool-verify';

/** Entries planned between two turns of the event loop (the overlay keeps answering). */
const PLAN_SLICE = 64;
const here = path.dirname(fileURLToPath(import.meta.url));

export function spawnCheckWorker(): Promise<Worker> {
  return startBundledWorker(here, 'check-worker');
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkerChecks {
  private worker: Promise<Worker | null> | null = null;
  private readonly pending = new Map<number, (valid: Uint8Array | null) => void>();
  private nextId = 1;
  private busy = 0;
  private readonly idle = new IdleEnd(() => {
    if (this.busy === 0) void this.close();
  });

  constructor(
    private readonly options: {
      spawn?: () => Promise<Worker>;
      log?: (line: string) => void;
    } = {},
  ) {}

  warm(): void {
    void this.start();
  }

  async verify(entries: readonly VerifiableEntry[], list: KeyList): Promise<EntryVerdict[]> {
    this.busy += 1;
    try {
      const worker = this.start();
      const plans: EntryPlan[] = [];
      const writer = new CheckBatchWriter();
      for (const [i, entry] of entries.entries()) {
        if (i > 0 && i % PLAN_SLICE === 0) await yieldToEventLoop();
        const plan = planEntry(entry, list);
        plans.push(plan);
        if (!('verdict' in plan)) for (const check of plan.checks) writer.add(check.keyId, check.payload, check.signature);
      }
      const checks = writer.count;
      const valid = checks === 0 ? new Uint8Array(0) : await this.run(await worker, writer);
      if (!valid || valid.length !== checks) return await verifyOnThreadpool(entries, list);
      let at = 0;
      return plans.map((plan) => {
        if ('verdict' in plan) return plan.verdict;
        const outcomes = plan.checks.map(() => valid[at++] === 1);
        return concludeEntry(plan, outcomes);
      });
    } finally {
      this.busy -= 1;
      this.scheduleIdleEnd();
    }
  }

  async close(): Promise<void> {
    this.idle.cancel();
    const worker = this.worker;
    this.worker = null;
    await (await worker)?.terminate();
  }

  /** The worker, started once; null when it cannot start (the threadpool then checks). */
  private start(): Promise<Worker | null> {
    this.idle.cancel();
    if (this.worker) return this.worker;
    const started: Promise<Worker | null> = (this.options.spawn ?? spawnCheckWorker)().then(
      (worker) => {
        worker.on('message', ({ id, valid }: CheckJobResult) => {
          this.pending.get(id)?.(valid instanceof Uint8Array ? valid : null);
          this.pending.delete(id);
          if (this.pending.size === 0) worker.unref();
        });
        worker.on('exit', () => {
          for (const answer of this.pending.values()) answer(null);
          this.pending.clear();
          if (this.worker === started) this.worker = null; // the next batch starts a fresh one
        });
        return worker;
      },
      (error: unknown) => {
        this.options.log?.(`the signature check worker did not start, checking on the threadpool: ${error instanceof Error ? error.message : String(error)}`);
        if (this.worker === started) this.worker = null;
        return null;
      },
    );
    this.worker = started;
    return started;
  }

  /** One byte per check (1 valid), or null when the worker is gone or never came. */
  private run(worker: Worker | null, writer: CheckBatchWriter): Promise<Uint8Array | null> {
    if (!worker) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.ref(); // a job in flight keeps the process alive (a CLI sync awaiting its last page)
      try {
        const job: CheckJob = { id, ...writer.finish() };
        worker.postMessage(job, [job.buffer]);
      } catch {
        this.pending.delete(id);
        resolve(null);
      }
    });
  }

  private scheduleIdleEnd(): void {
    if (this.busy === 0 && this.worker) this.idle.schedule();
  }
}
