/**
 * The Ed25519 checks of a batch (check-batch.ts) on a thread of their own: the main thread plans
 * each entry (verify-entry.ts's rule) and concludes it; only the checks run here, with Node's
 * crypto. Jobs are answered in the order they come.
 */
import { parentPort } from 'node:worker_threads';
import { runCheckBatch, type CheckBatch } from './check-batch';

export interface CheckJob extends CheckBatch {
  id: number;
}
export interface CheckJobResult {
  id: number;
  valid: Uint8Array;
}

parentPort?.on('message', (job: CheckJob) => {
  const valid = runCheckBatch(job);
  const result: CheckJobResult = { id: job.id, valid };
  parentPort?.postMessage(result, [valid.buffer as ArrayBuffer]);
});
parentPort?.postMessage({ ready: true });
