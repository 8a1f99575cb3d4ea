/**
 * Ed25519 checks on libuv's threadpool (main/signing/threadpool-verify.ts, issue #19): the same
 * verdicts as the synchronous rule, in the entries' order whatever order the checks finish in,
 * never more checks queued than the bound, and a check that fails to run refuses the entry only.
 */
import { describe, expect, it } from 'vitest';
import { approvalPayload, type SignedContent } from '../../../common/signing/approval';
import type { KeyList } from '../../../common/signing/key-list';
import { verifyEntry, type VerifiableEntry } from '../../../common/signing/verify-entry';
import { generateKeyPair, privateKeyObject, signText, verifyText, verifyTextAsync } from '../../../main/signing/ed25519';
import { verifyOnThreadpool, type AsyncVerifyFn } from '../../../main/signing/threadpool-verify';
import { ana, anaAndBoKeyList, bo } from '../../helpers/approver-keys';

const stranger = generateKeyPair();
const list: KeyList = anaAndBoKeyList({ sensitiveTags: ['refund'] });
const signature = (content: SignedContent, pair: typeof ana, approvedAt: string) => {
  const approval = { approvedAt, keyId: pair.publicKey };
  return { ...approval, signature: signText(privateKeyObject(pair.privateKeyPkcs8), approvalPayload(content, approval)) };
};
const content = (i: number, extra: Partial<SignedContent> = {}): SignedContent => ({
  id: `kb/${i}`, locale: 'en', kind: 'article', title: `Title ${i}`, body: `Body ${i} — ü 👍 \u2028`, tags: ['a'], urlOrPath: null, version: 1, ...extra,
});
/** 70 entries, seven outcomes: verified, tampered, unknown key, revoked, unsigned, two approvers, one of two missing. */
const entries: VerifiableEntry[] = Array.from({ length: 70 }, (_, i) => {
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
const OUTCOMES = [
  { ok: true, approvers: ['bo'] },
  { ok: false, reason: 'bad_signature' },
  { ok: false, reason: 'unknown_key' },
  { ok: false, reason: 'key_revoked' },
  { ok: false, reason: 'unsigned' },
  { ok: true, approvers: ['ana', 'bo'] },
  { ok: false, reason: 'bad_signature' },
];

describe('verifyOnThreadpool', () => {
  it('answers exactly the synchronous rule\'s verdicts, in order', async () => {
    const expected = entries.map((_, i) => OUTCOMES[i % 7]);
    expect(entries.map((e) => verifyEntry(e, list, verifyText))).toEqual(expected);
    expect(await verifyOnThreadpool(entries, list)).toEqual(expected);
    // A live change's few entries are checked synchronously, with the same verdicts.
    expect(await verifyOnThreadpool(entries.slice(0, 7), list, { check: () => Promise.reject(new Error('not used below 8')) })).toEqual(expected.slice(0, 7));
  });

  it('keeps the order when checks finish in reverse, and never queues more than the bound', async () => {
    let inFlight = 0;
    let most = 0;
    const held: Array<() => void> = [];
    // Each check waits until a later one has been started (or the queue is full), then answers: later checks finish first.
    const check: AsyncVerifyFn = (publicKey, message, sig) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      return new Promise((resolve) => {
        held.push(() => {
          inFlight -= 1;
          resolve(verifyText(publicKey, message, sig));
        });
        if (held.length === 3) for (const release of held.splice(0).reverse()) release();
      });
    };
    const flush = setInterval(() => held.splice(0).reverse().forEach((release) => release()), 1);
    try {
      expect(await verifyOnThreadpool(entries, list, { maxInFlight: 3, check })).toEqual(entries.map((_, i) => OUTCOMES[i % 7]));
    } finally {
      clearInterval(flush);
    }
    expect(most).toBe(3);
  });

  it('a check that cannot run (Node refuses the key) refuses that entry only', async () => {
    const check: AsyncVerifyFn = (publicKey, message, sig) => (message.includes('"kb/7"') ? Promise.resolve(false) : verifyTextAsync(publicKey, message, sig));
    const verdicts = await verifyOnThreadpool(entries.slice(0, 14), list, { check });
    expect(verdicts[7]).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verdicts.filter((v) => v.ok)).toHaveLength(3);
  });
});

describe('verifyTextAsync', () => {
  it('answers as verifyText does, false for malformed keys or signatures', async () => {
    const c = content(1);
    const s = signature(c, bo, '2026-03-01T00:00:00.000Z');
    const payload = approvalPayload(c, s);
    expect(await verifyTextAsync(bo.publicKey, payload, s.signature)).toBe(true);
    expect(await verifyTextAsync(bo.publicKey, `${payload} `, s.signature)).toBe(false);
    expect(await verifyTextAsync(ana.publicKey, payload, s.signature)).toBe(false);
    expect(await verifyTextAsync('ed25519:short=', payload, s.signature)).toBe(false);
    expect(await verifyTextAsync(bo.publicKey, payload, s.signature.slice(1))).toBe(false);
  });
});
