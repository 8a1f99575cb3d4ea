/**
 * A big batch's Ed25519 checks in one thread fed a transferred buffer (main/signing/worker-checks.ts,
 * check-batch.ts; issue #19): exactly the verdicts of the synchronous rule, in order, including
 * two approvers, unknown and revoked keys and a malformed signature; and a check thread that dies,
 * answers wrongly or cannot start never lets an entry through: the batch is verified on the
 * threadpool instead.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { approvalPayload, type SignedContent } from '../../../common/signing/approval';
import type { KeyList } from '../../../common/signing/key-list';
import { verifyEntry, type VerifiableEntry } from '../../../common/signing/verify-entry';
import { CheckBatchWriter, runCheckBatch } from '../../../main/signing/check-batch';
import { generateKeyPair, privateKeyObject, signText, verifyText } from '../../../main/signing/ed25519';
import { VerifyPool } from '../../../main/signing/verify-pool';
import { spawnCheckWorker, WorkerChecks } from '../../../main/signing/worker-checks';
import { ana, anaAndBoKeyList, bo } from '../../helpers/approver-keys';

const stranger = generateKeyPair();
const list: KeyList = anaAndBoKeyList({ sensitiveTags: ['refund'] });
const march = '2026-03-01T00:00:00.000Z';
const signature = (content: SignedContent, pair: typeof ana, approvedAt = march) => {
  const approval = { approvedAt, keyId: pair.publicKey };
  return { ...approval, signature: signText(privateKeyObject(pair.privateKeyPkcs8), approvalPayload(content, approval)) };
};
const content = (i: number, extra: Partial<SignedContent> = {}): SignedContent => ({
  id: `kb/${i}`, locale: 'en', kind: 'article', title: `Title ${i}`, body: `Body ${i} — ü 👍 \u2028 ${'long '.repeat(i % 50)}`, tags: ['a'], urlOrPath: null, version: 1, ...extra,
});
/** 80 entries, eight outcomes. */
const entries: VerifiableEntry[] = Array.from({ length: 80 }, (_, i) => {
  const c = content(i);
  switch (i % 8) {
    case 0:
      return { ...c, signatures: [signature(c, bo)] };
    case 1:
      return { ...c, body: 'Changed on the way.', signatures: [signature(c, bo)] };
    case 2:
      return { ...c, signatures: [signature(c, stranger)] };
    case 3:
      return { ...c, signatures: [signature(c, ana, '2026-07-01T00:00:00.000Z')] };
    case 4:
      return { ...c, signatures: [] };
    case 5: {
      const t = content(i, { kind: 'template', tags: ['refund'] });
      return { ...t, signatures: [signature(t, ana), signature(t, bo)] };
    }
    case 6: {
      const t = content(i, { kind: 'template', tags: ['refund'] });
      return { ...t, signatures: [signature(t, bo), { ...signature(t, ana), signature: signature(content(999), ana).signature }] };
    }
    default: {
      return { ...c, signatures: [{ ...signature(c, bo), signature: 'not base64' }] };
    }
  }
});
const OUTCOMES = [
  { ok: true, approvers: ['bo'] },
  { ok: false, reason: 'bad_signature' },
  { ok: false, reason: 'unknown_key' },
  { ok: false, reason: 'key_revoked' },
  { ok: false, reason: 'unsigned' },
  { ok: true, approvers: ['ana', 'bo'] },
  { ok: false, reason: 'bad_signature' },
  { ok: false, reason: 'bad_signature' },
];
const expected = entries.map((_, i) => OUTCOMES[i % 8]);

/** A thread that says it is ready, then does `onJob` with each job. */
const fakeWorker = (onJob: string) => async () => {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads'); parentPort.on('message', (job) => { ${onJob} }); parentPort.postMessage({ ready: true });`,
    { eval: true },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  worker.on('error', () => undefined);
  return worker;
};

describe('check batches', () => {
  it('carry each check to the same outcome as verifyText, through UTF-8 payloads of any length', () => {
    const writer = new CheckBatchWriter();
    const checks = entries.flatMap((entry) =>
      ((entry.signatures ?? []) as Array<{ keyId: string; approvedAt: string; signature: string }>).map((s) => ({ keyId: s.keyId, payload: approvalPayload(content(1, { body: 'x'.repeat(70_000) + entry.body }), s), signature: s.signature })),
    );
    const direct = entries.flatMap((entry) =>
      ((entry.signatures ?? []) as Array<{ keyId: string; approvedAt: string; signature: string }>).map((s) => ({ keyId: s.keyId, payload: approvalPayload(entry as SignedContent, s), signature: s.signature })),
    );
    for (const c of [...checks, ...direct]) writer.add(c.keyId, c.payload, c.signature);
    const valid = runCheckBatch(writer.finish());
    expect([...valid]).toEqual([...checks, ...direct].map((c) => (verifyText(c.keyId, c.payload, c.signature) ? 1 : 0)));
    // valid over their own content: bo (10), the stranger (10), revoked ana (10), ana + bo (20), bo of case 6 (10)
    expect(valid.filter((v) => v === 1).length).toBe(60);
  });
});

describe('WorkerChecks', () => {
  let checks: WorkerChecks | VerifyPool | null = null;
  afterEach(async () => {
    await checks?.close();
  });

  it('answers exactly the synchronous rule\'s verdicts, in order, batch after batch', async () => {
    expect(entries.map((e) => verifyEntry(e, list, verifyText))).toEqual(expected);
    let started = 0;
    const thread = new WorkerChecks({ spawn: () => ((started += 1), spawnCheckWorker()) });
    checks = thread;
    const [first, second] = await Promise.all([thread.verify(entries, list), thread.verify(entries.slice(3), list)]);
    expect(first).toEqual(expected);
    expect(second).toEqual(expected.slice(3));
    expect(started).toBe(1);
  });

  it('is what a pool without workers uses for a big batch (two cores or fewer)', async () => {
    let started = 0;
    checks = new VerifyPool({ workers: 0, workerMin: 1, spawnChecks: () => ((started += 1), spawnCheckWorker()) });
    expect(await checks.verify(entries, list)).toEqual(expected);
    expect(started).toBe(1);
  });

  it.each([
    ['dies on its first job', 'process.exit(1);'],
    ['answers too few checks', 'parentPort.postMessage({ id: job.id, valid: new Uint8Array(1).fill(1) });'],
    ['answers every check valid but not as bytes', 'parentPort.postMessage({ id: job.id, valid: Array(1000).fill(1) });'],
  ])('a check thread that %s: the batch is verified on the threadpool, none let through', async (_what, onJob) => {
    checks = new WorkerChecks({ spawn: fakeWorker(onJob) });
    expect(await checks.verify(entries, list)).toEqual(expected);
  });

  it('a check thread that cannot start: the threadpool checks, and the log says so', async () => {
    const lines: string[] = [];
    checks = new WorkerChecks({ spawn: () => Promise.reject(new Error('no threads here')), log: (line) => lines.push(line) });
    expect(await checks.verify(entries, list)).toEqual(expected);
    expect(lines).toEqual(['the signature check worker did not start, checking on the threadpool: no threads here']);
  });
});
