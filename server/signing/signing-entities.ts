/**
 * The signing tables (issue #15), created by migration 0004:
 * - approver_keys: public keys leads registered, by name (the admin signs them into the key list);
 * - key_lists: every signed org key list uploaded, by version (the server cannot forge one: it
 *   does not hold the root key; clients verify the root signature);
 * - version_signatures: each approver's signature of one version, relayed to agents with it.
 */
import { entity, integers, primaryKey, texts } from '../../common/entity-kit';

export interface ApproverKeyRow {
  name: string;
  publicKey: string;
  registeredBy: string;
  registeredAt: string;
}

export interface KeyListRow {
  version: number;
  /** The signed list as uploaded: `{ list, signature }` JSON. */
  document: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface SignatureRow {
  id: string;
  locale: string;
  version: number;
  keyId: string;
  approvedAt: string;
  signature: string;
  /** The token name of whoever sent it (two approvers must be two people). */
  signer: string;
}

export const SigningEntities = {
  ApproverKey: entity<ApproverKeyRow>(
    'ApproverKey',
    'approver_keys',
    { ...primaryKey(texts('name')), ...texts('publicKey', 'registeredBy', 'registeredAt') },
    [{ name: 'approver_keys_public_key', columns: ['publicKey'], unique: true }],
  ),
  KeyList: entity<KeyListRow>('KeyList', 'key_lists', { ...primaryKey(integers('version')), ...texts('document', 'uploadedBy', 'uploadedAt') }),
  Signature: entity<SignatureRow>('VersionSignature', 'version_signatures', {
    ...primaryKey({ ...texts('id', 'locale'), ...integers('version'), ...texts('keyId') }),
    ...texts('approvedAt', 'signature', 'signer'),
  }),
};
