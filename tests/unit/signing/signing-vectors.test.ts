/** docs/signing.md's test vectors are what the code computes, and they verify. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { approvalPayload } from '../../../common/signing/approval';
import { verifyText } from '../../../main/signing/ed25519';
import { APPROVER_SEED, CONTENT, keyFromSeed, vectorsMarkdown } from './signing-vectors';

const DOC = path.join(import.meta.dirname, '../../../docs/signing.md');

describe('signing test vectors', () => {
  it('docs/signing.md holds exactly the vectors the code computes', () => {
    const doc = readFileSync(DOC, 'utf8');
    const block = /<!-- signing-vectors:start -->\n([\s\S]*)\n<!-- signing-vectors:end -->/.exec(doc)?.[1];
    expect(block).toBe(vectorsMarkdown());
  });

  it('the vector signature verifies, and not once a byte of the content changes', () => {
    const approver = keyFromSeed(APPROVER_SEED);
    const approval = { approvedAt: '2026-11-29T16:00:00.000Z', keyId: approver.publicKey };
    const signature = /The signature \(base64\):\n\n```\n(.+)\n```/.exec(vectorsMarkdown())?.[1] as string;
    expect(verifyText(approver.publicKey, approvalPayload(CONTENT, approval), signature)).toBe(true);
    expect(verifyText(approver.publicKey, approvalPayload({ ...CONTENT, body: `${CONTENT.body} ` }, approval), signature)).toBe(false);
    expect(verifyText(approver.publicKey, approvalPayload({ ...CONTENT, tags: ['billing', 'refund'] }, approval), signature)).toBe(false);
  });
});
