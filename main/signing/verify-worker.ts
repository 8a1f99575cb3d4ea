/**
 * The signature verifier's worker thread (verify-pool.ts): the same rule (verifyEntry) with the
 * same Ed25519 check (Node's crypto) as on the main thread, so a sync page's signatures are
 * checked on the other core while the main thread stores and indexes the page before it.
 */
import { parentPort } from 'node:worker_threads';
import { verifyEntry } from '../../common/signing/verify-entry';
import { verifyText } from './ed25519';
import type { VerifyJob, VerifyJobResult } from './verify-pool';

parentPort?.on('message', ({ id, list, entries }: VerifyJob) => {
  const result: VerifyJobResult = { id, verdicts: entries.map((entry) => verifyEntry(entry, list, verifyText)) };
  parentPort?.postMessage(result);
});
parentPort?.postMessage({ ready: true });
