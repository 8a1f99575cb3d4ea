/**
 * Migration 5 (issue #18): the organisation's synonym rules, reviewed like entries (a lead
 * submits, another lead approves), and the usage signals agents send as numbers, summed per day
 * (what the leads' reports read). `signal_batches` remembers each batch an agent sent, so a batch
 * resent after a lost answer is counted once.
 */
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, isNullable = false) => ({ name, type: 'text', isNullable });
const int = (name: string, isNullable = false) => ({ name, type: 'integer', isNullable });
const real = (name: string) => ({ name, type: 'real', isNullable: false });

export class SynonymsAndSignals1732870000005 implements MigrationInterface {
  readonly name = 'SynonymsAndSignals1732870000005';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'synonym_rules',
        columns: [
          { ...text('rule_id'), isPrimary: true },
          text('locale'),
          text('terms'),
          text('one_way_to', true),
          text('state'),
          text('author'),
          text('created_at'),
          text('decided_by', true),
          text('decided_at', true),
          text('comment', true),
          // The synonym set's version after this rule last went live or was retired (agents sync by it).
          int('seq'),
        ],
        indices: [new TableIndex({ name: 'synonym_rules_state', columnNames: ['state'] })],
      }),
    );
    await q.createTable(new Table({ name: 'signal_batches', columns: [{ ...text('batch_id'), isPrimary: true }, text('agent'), text('received_at')] }));
    await q.createTable(
      new Table({
        name: 'signal_usage',
        columns: [
          { ...text('day'), isPrimary: true },
          { ...text('id'), isPrimary: true },
          { ...text('locale'), isPrimary: true },
          int('found'),
          int('opened'),
          int('inserted'),
          int('copied'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'signal_missed',
        columns: [{ ...text('day'), isPrimary: true }, { ...text('query_key'), isPrimary: true }, text('locale'), text('query_text', true), int('searches')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'signal_edits',
        columns: [
          { ...text('day'), isPrimary: true },
          { ...text('id'), isPrimary: true },
          { ...text('locale'), isPrimary: true },
          int('edits'),
          real('ratio_sum'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['signal_edits', 'signal_missed', 'signal_usage', 'signal_batches', 'synonym_rules']) await q.dropTable(table);
  }
}
