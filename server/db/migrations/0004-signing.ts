/** Migration 4 (issue #15): approver keys, signed key lists and approval signatures (../../signing/signing-entities.ts). */
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int, primaryKey, text, texts } from './columns';

export class Signing1732870000004 implements MigrationInterface {
  readonly name = 'Signing1732870000004';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'approver_keys',
        columns: [...primaryKey(text('name')), ...texts('public_key', 'registered_by', 'registered_at')],
        indices: [new TableIndex({ name: 'approver_keys_public_key', columnNames: ['public_key'], isUnique: true })],
      }),
    );
    await q.createTable(new Table({ name: 'key_lists', columns: [...primaryKey(int('version')), ...texts('document', 'uploaded_by', 'uploaded_at')] }));
    await q.createTable(
      new Table({
        name: 'version_signatures',
        columns: [...primaryKey(text('id'), text('locale'), int('version'), text('key_id')), ...texts('approved_at', 'signature', 'signer')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['version_signatures', 'key_lists', 'approver_keys']) await q.dropTable(table);
  }
}
