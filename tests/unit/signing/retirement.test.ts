/** Signed retirement (common/signing/retirement.ts): the vector of docs/signing.md and the verdicts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeyList } from '../../../common/signing/key-list';
import { retirementPayload, verifyRetirement } from '../../../common/signing/retirement';
import { synonymPayload } from '../../../common/signing/synonym-approval';
import { generateKeyPair, privateKeyObject, signText, verifyText } from '../../../main/signing/ed25519';
import { APPROVER_SEED, keyFromSeed } from './signing-vectors';
import { RETIRED, RETIRED_AT, retirementVectorsMarkdown } from './retirement-vectors';
import { ana, anaAndBoKeyList, bo } from '../../helpers/approver-keys';

const DOC = path.join(import.meta.dirname, '../../../docs/signing.md');
const list: KeyList = anaAndBoKeyList();
const retirement = (pair: typeof ana, target = RETIRED, retiredAt = RETIRED_AT) => {
  const signer = { retiredAt, keyId: pair.publicKey };
  return { version: target.version, ...signer, signature: signText(privateKeyObject(pair.privateKeyPkcs8), retirementPayload(target, signer)) };
};
const item = (value: unknown) => ({ id: RETIRED.id, locale: RETIRED.locale, retirement: value });

describe('signed retirement', () => {
  it('docs/signing.md holds exactly the retirement vector the code computes, and it verifies', () => {
    const block = /<!-- retirement-vectors:start -->\n([\s\S]*)\n<!-- retirement-vectors:end -->/.exec(readFileSync(DOC, 'utf8'))?.[1];
    expect(block).toBe(retirementVectorsMarkdown());
    const approver = keyFromSeed(APPROVER_SEED);
    const signer = { retiredAt: RETIRED_AT, keyId: approver.publicKey };
    const signature = /The signature \(base64\):\n\n```\n(.+)\n```/.exec(retirementVectorsMarkdown())?.[1] as string;
    expect(verifyText(approver.publicKey, retirementPayload(RETIRED, signer), signature)).toBe(true);
    expect(verifyText(approver.publicKey, retirementPayload({ ...RETIRED, version: 4 }, signer), signature)).toBe(false);
  });

  it('accepts a retirement signed by a listed key, of the held version or a later one', () => {
    expect(verifyRetirement(item(retirement(bo)), 3, list, verifyText)).toEqual({ ok: true, by: 'bo' });
    expect(verifyRetirement(item(retirement(bo)), 2, list, verifyText)).toEqual({ ok: true, by: 'bo' });
  });

  it.each([
    ['no retirement', undefined, 'unsigned'],
    ['a retirement that is not one', 'lots', 'bad_signature'],
    ['a signature of another entry', retirement(bo, { ...RETIRED, id: 'kb/other' }), 'bad_signature'],
    ['a signature of another version', { ...retirement(bo, { ...RETIRED, version: 4 }), version: 3 }, 'bad_signature'],
    ['a key the list does not name', retirement(generateKeyPair()), 'unknown_key'],
    ['a key revoked before the retirement', retirement(ana), 'key_revoked'],
    ['a retirement of an older version than the one held', retirement(bo, { ...RETIRED, version: 2 }), 'rollback'],
  ])('refuses %s', (_what, value, reason) => {
    expect(verifyRetirement(item(value), 3, list, verifyText)).toEqual({ ok: false, reason });
  });

  it('a synonym approval never passes for a retirement (the payload says its type)', () => {
    const signer = { approvedAt: RETIRED_AT, keyId: bo.publicKey };
    const rule = { ruleId: RETIRED.id, locale: RETIRED.locale, terms: [], oneWayTo: null };
    const signature = signText(privateKeyObject(bo.privateKeyPkcs8), synonymPayload(rule, signer));
    expect(verifyRetirement(item({ version: 3, keyId: bo.publicKey, retiredAt: RETIRED_AT, signature }), 3, list, verifyText)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
