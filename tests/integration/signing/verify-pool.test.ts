/**
 * Signatures verified in worker threads (main/signing/verify-pool.ts, issue #19): the same
 * verdicts as on the main thread, in order, split over several workers; and a worker that dies
 * or answers wrongly never lets an entry through: its share is verified on the main thread.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { approvalPayload, type SignedContent } from '../../../common/signing/approval';
import type { KeyList } from '../../../common/signing/key-list';
import type { VerifiableEntry } from '../../../common/signing/verify-entry';
import { generateKeyPair, privateKeyObject, signText } from '../../../main/signing/ed25519';
import { defaultVerifyWorkers, spawnVerifyWorker, VerifyPool } from '../../../main/signing/verify-pool';
import { verifyOnThreadpool } from '../../../main/signing/threadpool-verify';
import { ana, anaAndBoKeyList, bo } from '../../helpers/approver-keys';
import { fakeWorker } from '../../helpers/signed-batch';

const stranger = generateKeyPair();
const list: KeyList = anaAndBoKeyList();
const signed = (i: number, pair: typeof ana, approvedAt = '2026-03-01T00:00:00.000Z'): VerifiableEntry => {
  const content: SignedContent = { id: `kb/${i}`, locale: 'en', kind: 'article', title: `Title ${i}`, body: `Body ${i} — ü 👍`, tags: ['a'], urlOrPath: null, version: 1 };
  const approval = { approvedAt, keyId: pair.publicKey };
  return { ...content, signatures: [{ ...approval, signature: signText(privateKeyObject(pair.privateKeyPkcs8), approvalPayload(content, approval)) }] };
};
/** 40 entries, one of each outcome per 5: verified, tampered, unknown key, revoked, unsigned. */
const entries: VerifiableEntry[] = Array.from({ length: 40 }, (_, i) => {
  switch (i % 5) {
    case 0:
      return signed(i, bo);
    case 1:
      return { ...signed(i, bo), body: 'Changed on the way.' };
    case 2:
      return signed(i, stranger);
    case 3:
      return signed(i, ana, '2026-07-01T00:00:00.000Z');
    default:
      return { ...signed(i, bo), signatures: [] };
  }
});
const expected = entries.map((_, i) =>
  [{ ok: true, approvers: ['bo'] }, { ok: false, reason: 'bad_signature' }, { ok: false, reason: 'unknown_key' }, { ok: false, reason: 'key_revoked' }, { ok: false, reason: 'unsigned' }][i % 5],
);

/** `spawn` with each started worker's answers and exits counted. */
const counted = (spawn: () => Promise<Worker>) => {
  const seen = { answers: 0, exits: 0 };
  const wrapped = async () => {
    const worker = await spawn();
    worker.on('message', () => (seen.answers += 1));
    worker.on('exit', () => (seen.exits += 1));
    return worker;
  };
  return { seen, spawn: wrapped };
};

describe('VerifyPool', () => {
  let pool: VerifyPool | null = null;
  afterEach(async () => {
    await pool?.close();
  });

  it('answers, split over two workers, exactly the verdicts of the main thread, in order', async () => {
    expect(await verifyOnThreadpool(entries, list)).toEqual(expected);
    const real = counted(spawnVerifyWorker);
    pool = new VerifyPool({ workers: 2, workerMin: 1, spawn: real.spawn });
    expect(await pool.verify(entries, list)).toEqual(expected);
    expect(real.seen).toEqual({ answers: 2, exits: 0 });
  });

  it.each([
    ['dies on its first job', 'process.exit(1);', { answers: 0, exits: 1 }],
    ['answers with no verdicts', 'parentPort.postMessage({ id: job.id, verdicts: [] });', { answers: 1, exits: 0 }],
  ])('a worker that %s: its entries are verified on the main thread, none let through', async (_what, onJob, seen) => {
    const lines: string[] = [];
    const fake = counted(fakeWorker(onJob));
    pool = new VerifyPool({ workers: 1, workerMin: 1, spawn: fake.spawn, log: (line) => lines.push(line) });
    expect(await pool.verify(entries, list)).toEqual(expected);
    expect(fake.seen).toEqual(seen);
    expect(lines).toEqual([]);
  });

  it('a worker that cannot start: everything is verified on the main thread, and the log says so', async () => {
    const lines: string[] = [];
    pool = new VerifyPool({ workers: 1, workerMin: 1, spawn: () => Promise.reject(new Error('no threads here')), log: (line) => lines.push(line) });
    expect(await pool.verify(entries, list)).toEqual(expected);
    expect(lines).toEqual(['signature workers did not start, verifying on the main thread: no threads here']);
  });

  it('with no workers (two cores or fewer), verifies on the main thread and starts no thread', async () => {
    let spawned = 0;
    pool = new VerifyPool({ workers: 0, workerMin: 1, spawn: () => ((spawned += 1), spawnVerifyWorker()) });
    pool.warm();
    expect(await pool.verify(entries, list)).toEqual(expected);
    expect(spawned).toBe(0);
  });
});

describe('defaultVerifyWorkers', () => {
  it('gives no worker on two cores or fewer, then one per core beyond the main thread, at most 4', () => {
    expect([1, 2, 3, 4, 5, 8, 32].map(defaultVerifyWorkers)).toEqual([0, 0, 2, 3, 4, 4, 4]);
  });
});
