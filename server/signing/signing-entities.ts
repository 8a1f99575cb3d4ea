/**
 * The signing tables (issue #15), created by migration 0004:
 * - approver_keys: public keys leads registered, by name (the admin signs them into the key list);
 * - key_lists: every signed org key list uploaded, by version (the server cannot forge one: it
 *   does not hold the root key; clients verify the root signature);
 * - version_signatures: each approver's signature of one version, relayed to agents with it.
 */
import { EntitySchema } from 'typeorm';

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

const text = { type: 'text' } as const;

export const SigningEntities = {
  ApproverKey: new EntitySchema<ApproverKeyRow>({
    name: 'ApproverKey',
    tableName: 'approver_keys',
    columns: {
      name: { ...text, primary: true },
      publicKey: text,
      registeredBy: text,
      registeredAt: text,
    },
    indices: [{ name: 'approver_keys_public_key', columns: ['publicKey'], unique: true }],
  }),
  KeyList: new EntitySchema<KeyListRow>({
    name: 'KeyList',
    tableName: 'key_lists',
    columns: {
      version: { type: 'integer', primary: true },
      document: text,
      uploadedBy: text,
      uploadedAt: text,
    },
  }),
  Signature: new EntitySchema<SignatureRow>({
    name: 'VersionSignature',
    tableName: 'version_signatures',
    columns: {
      id: { ...text, primary: true },
      locale: { ...text, primary: true },
      version: { type: 'integer', primary: true },
      keyId: { ...text, primary: true },
      approvedAt: text,
      signature: text,
      signer: text,
    },
  }),
};
