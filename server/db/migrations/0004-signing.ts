/** Migration 4 (issue #15): approver keys, signed key lists and approval signatures (../../signing/signing-entities.ts). */
import { int, primaryKey, text, texts } from './columns';
import { tablesMigration } from './tables-migration';

export const Signing1732870000004 = tablesMigration('Signing1732870000004', [
  {
    name: 'approver_keys',
    columns: [...primaryKey(text('name')), ...texts('public_key', 'registered_by', 'registered_at')],
    indices: [{ name: 'approver_keys_public_key', columnNames: ['public_key'], isUnique: true }],
  },
  { name: 'key_lists', columns: [...primaryKey(int('version')), ...texts('document', 'uploaded_by', 'uploaded_at')] },
  {
    name: 'version_signatures',
    columns: [...primaryKey(text('id'), text('locale'), int('version'), text('key_id')), ...texts('approved_at', 'signature', 'signer')],
  },
]);
