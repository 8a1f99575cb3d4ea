/**
 * Ed25519 checks on libuv's threadpool (main/signing/threadpool-verify.ts, issue #19): the same
 * verdicts as the synchronous rule, in the entries' order whatever order the checks finish in,
 * never more checks queued than the bound, and a check that fails to run refuses the entry only.
 */
import { describe, expect, it } from 'vitest';
import { approvalPayload } from '../../../common/signing/approval';
import { verifyEntry } from '../../../common/signing/verify-entry';
import { verifyText, verifyTextAsync } from '../../../main/signing/ed25519';
import { verifyOnThreadpool, type AsyncVerifyFn } from '../../../main/signing/threadpool-verify';
import { ana, bo } from '../../helpers/approver-keys';
import { content, entries, list, OUTCOMES, signature } from '../../helpers/signed-batch';

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
