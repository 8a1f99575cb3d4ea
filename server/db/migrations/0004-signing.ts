/** Migration 4 (issue #15): approver keys, signed key lists and approval signatures (../../signing/signing-entities.ts). */
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string) => ({ name, type: 'text', isNullable: false });

export class Signing1732870000004 implements MigrationInterface {
  readonly name = 'Signing1732870000004';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'approver_keys',
        columns: [{ ...text('name'), isPrimary: true }, text('public_key'), text('registered_by'), text('registered_at')],
        indices: [new TableIndex({ name: 'approver_keys_public_key', columnNames: ['public_key'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'key_lists',
        columns: [{ name: 'version', type: 'integer', isPrimary: true }, text('document'), text('uploaded_by'), text('uploaded_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'version_signatures',
        columns: [
          { ...text('id'), isPrimary: true },
          { ...text('locale'), isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { ...text('key_id'), isPrimary: true },
          text('approved_at'),
          text('signature'),
          text('signer'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['version_signatures', 'key_lists', 'approver_keys']) await q.dropTable(table);
  }
}
