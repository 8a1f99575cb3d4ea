/**
 * Verifies entries with the Ed25519 checks on libuv's threadpool (Node's async crypto.verify):
 * the main thread only plans each entry (its canonical payload, the key list rule) and concludes
 * it, while the checks run on the pool's threads — on a 2-core machine beside the main thread
 * storing and indexing the page before, with no page copied anywhere (the worker pool's cost).
 * The rule is verify-entry.ts's, split in planEntry()/concludeEntry(); verdicts come back in the
 * entries' order, and the caller stores nothing of a page before they are all in.
 *
 * At most MAX_IN_FLIGHT checks are queued at once (each holds its payload's bytes): enough to
 * keep the pool busy while the main thread indexes a page, few enough that a SQLite statement
 * (the same pool) does not wait behind a whole page of checks.
 *
 * Measured (29 Nov 2026, loaded 2-core machine, main-thread CPU from /proc per thread):
 * - 5000 signed gnome-help entries, old (canonicalize + synchronous crypto.verify in slices of 64)
 *   and new alternating, three rounds: main thread 212–214 against 100–108 µs per entry, process
 *   CPU 217–231 against 235–264 µs (the async job's own cost).
 * - A bare async crypto.verify costs the main thread ~33 µs (job, callback) against ~148 µs for
 *   the synchronous check; a worker fed one transferred buffer per page would save that 33 µs too
 *   (not done: the structured-clone worker pool was slower on two cores, see verify-pool.ts).
 * - bench:sync, 20,000 entries: see tests/bench/sync-bench.ts's A/B note.
 */
import type { KeyList } from '../../common/signing/key-list';
import { concludeEntry, planEntry, verifyEntry, type EntryVerdict, type VerifiableEntry } from '../../common/signing/verify-entry';
import { verifyText, verifyTextAsync } from './ed25519';

/** Entries planned between two turns of the event loop (the overlay keeps answering). */
const PLAN_SLICE = 64;
/**
 * Batches smaller than this are checked synchronously: a live change is one entry, and its
 * synchronous check (~148 µs here) costs less CPU in all than the async one (~33 µs of main thread
 * plus the same check on the pool) — at 200 live clients the CPU is what is short.
 */
const THREADPOOL_MIN = 8;
/** Checks queued on the threadpool at once, process-wide (the pool is). */
const MAX_IN_FLIGHT = 1024;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A counting semaphore: acquire() waits for a free slot, release() hands it to the next waiter. */
class Slots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  acquire(): Promise<void> | null {
    if (this.active < this.max) {
      this.active += 1;
      return null;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

const sharedSlots = new Slots(MAX_IN_FLIGHT);

/** An Ed25519 check answering later; never rejects (errors answer false). */
export type AsyncVerifyFn = (publicKey: string, message: string, signature: string) => Promise<boolean>;

export async function verifyOnThreadpool(
  entries: readonly VerifiableEntry[],
  list: KeyList,
  options: {
    /** A bound of its own (tests); by default the process-wide MAX_IN_FLIGHT. */
    maxInFlight?: number;
    check?: AsyncVerifyFn;
  } = {},
): Promise<EntryVerdict[]> {
  const slots = options.maxInFlight === undefined ? sharedSlots : new Slots(options.maxInFlight);
  const verifyCheck = options.check ?? verifyTextAsync;
  if (entries.length < THREADPOOL_MIN) return entries.map((entry) => verifyEntry(entry, list, verifyText));
  const verdicts: EntryVerdict[] = new Array<EntryVerdict>(entries.length);
  const concluded: Array<Promise<void>> = [];
  for (const [i, entry] of entries.entries()) {
    if (i > 0 && i % PLAN_SLICE === 0) await yieldToEventLoop();
    const plan = planEntry(entry, list);
    if ('verdict' in plan) {
      verdicts[i] = plan.verdict;
      continue;
    }
    const results: Array<Promise<boolean>> = [];
    for (const check of plan.checks) {
      const wait = slots.acquire();
      if (wait) await wait;
      const result = verifyCheck(check.keyId, check.payload, check.signature);
      const release = () => slots.release();
      result.then(release, release);
      results.push(result);
    }
    concluded.push(Promise.all(results).then((valid) => void (verdicts[i] = concludeEntry(plan, valid))));
  }
  await Promise.all(concluded);
  return verdicts;
}
