/**
 * A big batch's Ed25519 checks in one thread fed a transferred buffer (main/signing/worker-checks.ts,
 * check-batch.ts; issue #19): exactly the verdicts of the synchronous rule, in order, including
 * two approvers, unknown and revoked keys and a malformed signature; and a check thread that dies,
 * answers wrongly or cannot start never lets an entry through: the batch is verified on the
 * threadpool instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { approvalPayload } from '../../../common/signing/approval';
import { verifyEntry, type VerifiableEntry } from '../../../common/signing/verify-entry';
import { CheckBatchWriter, runCheckBatch } from '../../../main/signing/check-batch';
import { verifyText } from '../../../main/signing/ed25519';
import { VerifyPool } from '../../../main/signing/verify-pool';
import { spawnCheckWorker, WorkerChecks } from '../../../main/signing/worker-checks';
import { bo } from '../../helpers/approver-keys';
import { content, entries as signedEntries, fakeWorker, list, OUTCOMES, signature } from '../../helpers/signed-batch';

/** The shared 70 entries (seven outcomes) and ten whose signature is not base64. */
const malformed = Array.from({ length: 10 }, (_, i): VerifiableEntry => {
  const c = content(100 + i);
  return { ...c, signatures: [{ ...signature(c, bo, '2026-03-01T00:00:00.000Z'), signature: 'not base64' }] };
});
const entries: VerifiableEntry[] = [...signedEntries, ...malformed];
const expected = [...signedEntries.map((_, i) => OUTCOMES[i % 7]), ...malformed.map(() => ({ ok: false, reason: 'bad_signature' }))];
type Carried = Array<{ keyId: string; approvedAt: string; signature: string }>;

describe('check batches', () => {
  it('carry each check to the same outcome as verifyText, through UTF-8 payloads of any length', () => {
    const writer = new CheckBatchWriter();
    const checks = entries.flatMap((entry) =>
      ((entry.signatures ?? []) as Carried).map((s) => ({ keyId: s.keyId, payload: approvalPayload(content(1, { body: 'x'.repeat(70_000) + entry.body }), s), signature: s.signature })),
    );
    const direct = entries.flatMap((entry) => ((entry.signatures ?? []) as Carried).map((s) => ({ keyId: s.keyId, payload: approvalPayload(entry, s), signature: s.signature })));
    for (const c of [...checks, ...direct]) writer.add(c.keyId, c.payload, c.signature);
    const valid = runCheckBatch(writer.finish());
    expect([...valid]).toEqual([...checks, ...direct].map((c) => (verifyText(c.keyId, c.payload, c.signature) ? 1 : 0)));
    // valid over their own content: bo (10), the stranger (10), revoked ana (10), ana + bo (20), bo of the last outcome (10)
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
