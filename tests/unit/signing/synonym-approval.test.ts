/** Signed synonym rules (common/signing/synonym-approval.ts): the vector of docs/signing.md and the verdicts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { approvalPayload } from '../../../common/signing/approval';
import type { KeyList } from '../../../common/signing/key-list';
import { synonymPayload, verifySynonymRule } from '../../../common/signing/synonym-approval';
import { generateKeyPair, privateKeyObject, signText, verifyText } from '../../../main/signing/ed25519';
import { APPROVER_SEED, keyFromSeed } from './signing-vectors';
import { RULE, RULE_APPROVED_AT, synonymVectorsMarkdown } from './synonym-vectors';
import { ana, anaAndBoKeyList, bo } from '../../helpers/approver-keys';

const DOC = path.join(import.meta.dirname, '../../../docs/signing.md');
const list: KeyList = anaAndBoKeyList();
const sign = (pair: typeof ana, approvedAt = '2026-11-29T16:30:00.000Z', rule = RULE) => {
  const approval = { approvedAt, keyId: pair.publicKey };
  return { ...approval, signature: signText(privateKeyObject(pair.privateKeyPkcs8), synonymPayload(rule, approval)) };
};

describe('signed synonym rules', () => {
  it('docs/signing.md holds exactly the synonym vector the code computes, and it verifies', () => {
    const block = /<!-- synonym-vectors:start -->\n([\s\S]*)\n<!-- synonym-vectors:end -->/.exec(readFileSync(DOC, 'utf8'))?.[1];
    expect(block).toBe(synonymVectorsMarkdown());
    const approver = keyFromSeed(APPROVER_SEED);
    const approval = { approvedAt: RULE_APPROVED_AT, keyId: approver.publicKey };
    const signature = /The signature \(base64\):\n\n```\n(.+)\n```/.exec(synonymVectorsMarkdown())?.[1] as string;
    expect(verifyText(approver.publicKey, synonymPayload(RULE, approval), signature)).toBe(true);
    expect(verifyText(approver.publicKey, synonymPayload({ ...RULE, oneWayTo: null }, approval), signature)).toBe(false);
  });

  it('accepts a rule signed by a listed key', () => {
    expect(verifySynonymRule({ ...RULE, signatures: [sign(bo)] }, list, verifyText)).toEqual({ ok: true, approvers: ['bo'] });
  });

  it.each([
    ['no signature', [], 'unsigned'],
    ['signatures that are not signatures', 'lots', 'bad_signature'],
    ['a signature of other terms', [sign(bo, undefined, { ...RULE, terms: ['Geld zurück'] })], 'bad_signature'],
    ['a signature of another rule id', [sign(bo, undefined, { ...RULE, ruleId: 'another' })], 'bad_signature'],
    ['a key the list does not name', [sign(generateKeyPair())], 'unknown_key'],
    ['a key revoked before the approval', [sign(ana)], 'key_revoked'],
  ])('refuses a rule with %s', (_what, signatures, reason) => {
    expect(verifySynonymRule({ ...RULE, signatures }, list, verifyText)).toEqual({ ok: false, reason });
  });

  it('an entry approval never passes for a rule approval (the payload says its type)', () => {
    const approval = { approvedAt: RULE_APPROVED_AT, keyId: bo.publicKey };
    const entryLike = { id: RULE.ruleId, locale: RULE.locale, kind: 'article', title: '', body: '', tags: RULE.terms, urlOrPath: RULE.oneWayTo, version: 1 };
    const signature = signText(privateKeyObject(bo.privateKeyPkcs8), approvalPayload(entryLike, approval));
    expect(verifySynonymRule({ ...RULE, signatures: [{ ...approval, signature }] }, list, verifyText)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
