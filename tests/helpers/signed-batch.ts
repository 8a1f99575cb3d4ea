/**
 * Signed entries for the signature verifiers' tests (threadpool-verify, worker-checks): 70 entries,
 * seven outcomes in turn, under `list` (ana revoked on 1 June, bo valid, `refund` sensitive).
 */
import { Worker } from 'node:worker_threads';
import { approvalPayload, type SignedContent } from '../../common/signing/approval';
import type { KeyList } from '../../common/signing/key-list';
import type { VerifiableEntry } from '../../common/signing/verify-entry';
import { generateKeyPair, privateKeyObject, signText } from '../../main/signing/ed25519';
import { ana, anaAndBoKeyList, bo } from './approver-keys';

export const stranger = generateKeyPair();
export const list: KeyList = anaAndBoKeyList({ sensitiveTags: ['refund'] });
export const signature = (content: SignedContent, pair: typeof ana, approvedAt: string) => {
  const approval = { approvedAt, keyId: pair.publicKey };
  return { ...approval, signature: signText(privateKeyObject(pair.privateKeyPkcs8), approvalPayload(content, approval)) };
};
export const content = (i: number, extra: Partial<SignedContent> = {}): SignedContent => ({
  id: `kb/${i}`, locale: 'en', kind: 'article', title: `Title ${i}`, body: `Body ${i} — ü 👍 \u2028`, tags: ['a'], urlOrPath: null, version: 1, ...extra,
});
/** 70 entries, seven outcomes: verified, tampered, unknown key, revoked, unsigned, two approvers, one of two missing. */
export const entries: VerifiableEntry[] = Array.from({ length: 70 }, (_, i) => {
  const c = content(i);
  const march = '2026-03-01T00:00:00.000Z';
  switch (i % 7) {
    case 0:
      return { ...c, signatures: [signature(c, bo, march)] };
    case 1:
      return { ...c, body: 'Changed on the way.', signatures: [signature(c, bo, march)] };
    case 2:
      return { ...c, signatures: [signature(c, stranger, march)] };
    case 3:
      return { ...c, signatures: [signature(c, ana, '2026-07-01T00:00:00.000Z')] };
    case 4:
      return { ...c, signatures: [] };
    case 5: {
      const t = content(i, { kind: 'template', tags: ['refund'] });
      return { ...t, signatures: [signature(t, ana, march), signature(t, bo, march)] };
    }
    default: {
      const t = content(i, { kind: 'template', tags: ['refund'] });
      return { ...t, signatures: [signature(t, bo, march), { ...signature(t, ana, march), signature: signature(content(999), ana, march).signature }] };
    }
  }
});
export const OUTCOMES = [
  { ok: true, approvers: ['bo'] },
  { ok: false, reason: 'bad_signature' },
  { ok: false, reason: 'unknown_key' },
  { ok: false, reason: 'key_revoked' },
  { ok: false, reason: 'unsigned' },
  { ok: true, approvers: ['ana', 'bo'] },
  { ok: false, reason: 'bad_signature' },
];

/** A worker thread that says it is ready, then does `onJob` (JavaScript, with `job` and `parentPort`) with each job. */
export const fakeWorker = (onJob: string) => async (): Promise<Worker> => {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads'); parentPort.on('message', (job) => { ${onJob} }); parentPort.postMessage({ ready: true });`,
    { eval: true },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  worker.on('error', () => undefined);
  return worker;
};
