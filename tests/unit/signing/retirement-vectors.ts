/**
 * docs/signing.md's retirement vector (issue #15), from the same fixed approver seed as the entry
 * vectors, so another implementation can check a retirement's canonical form and signature.
 */
import { retirementPayload, type RetirementTarget } from '../../../common/signing/retirement';
import { signText } from '../../../main/signing/ed25519';
import { APPROVER_SEED, keyFromSeed } from './signing-vectors';

export const RETIRED: RetirementTarget = { id: 'kb/refund-iban', locale: 'de-CH', version: 3 };
export const RETIRED_AT = '2026-11-30T09:15:00.000Z';

export function retirementVectorsMarkdown(): string {
  const approver = keyFromSeed(APPROVER_SEED);
  const payload = retirementPayload(RETIRED, { retiredAt: RETIRED_AT, keyId: approver.publicKey });
  return [
    'The signed payload of that retirement by the approver key above (the UTF-8 bytes of this text, no trailing newline):',
    '', '```json', payload, '```', '',
    `Its UTF-8 length: ${Buffer.byteLength(payload)} bytes. The signature (base64):`,
    '', '```', signText(approver.privateKey, payload), '```',
  ].join('\n');
}
