/**
 * Migration 7 (issue #18): a synonym rule's approver signatures (a JSON array of
 * `{keyId, approvedAt, signature}`, common/signing/synonym-approval.ts; NULL = approved unsigned)
 * and the live rule an edited rule replaces once approved (NULL = a new rule).
 */
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class SynonymSignatures1732870000007 implements MigrationInterface {
  readonly name = 'SynonymSignatures1732870000007';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('synonym_rules', new TableColumn({ name: 'signatures', type: 'text', isNullable: true }));
    await q.addColumn('synonym_rules', new TableColumn({ name: 'replaces', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('synonym_rules', 'replaces');
    await q.dropColumn('synonym_rules', 'signatures');
  }
}
