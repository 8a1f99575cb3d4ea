/**
 * docs/signing.md's synonym-rule vector (issue #18), from the same fixed approver seed as the
 * entry vectors, so another implementation can check the rule's canonical form and signature.
 */
import { synonymPayload, type SignedSynonymRule } from '../../../common/signing/synonym-approval';
import { signText } from '../../../main/signing/ed25519';
import { APPROVER_SEED, keyFromSeed } from './signing-vectors';

export const RULE: SignedSynonymRule = {
  ruleId: '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c',
  locale: 'de-CH',
  terms: ['Geld zurück', 'Rückerstattung „sofort“'],
  oneWayTo: 'Erstattung',
};
export const RULE_APPROVED_AT = '2026-11-29T16:30:00.000Z';

export function synonymVectorsMarkdown(): string {
  const approver = keyFromSeed(APPROVER_SEED);
  const payload = synonymPayload(RULE, { approvedAt: RULE_APPROVED_AT, keyId: approver.publicKey });
  return [
    'The signed payload of that rule by the approver key above (the UTF-8 bytes of this text, no trailing newline):',
    '', '```json', payload, '```', '',
    `Its UTF-8 length: ${Buffer.byteLength(payload)} bytes. The signature (base64):`,
    '', '```', signText(approver.privateKey, payload), '```',
  ].join('\n');
}
