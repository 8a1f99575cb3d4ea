import type { MigrationInterface, QueryRunner } from 'typeorm';
import { entriesTable0001Sql } from './entries-table-0001';

/**
 * A staging copy of `entries`: a resync from scratch (another server, a new epoch, or the agent's
 * "Resync from scratch") fills it page by page while `entries` stays searchable, then one
 * transaction swaps it in (see KnowledgeStore.swapInStaged).
 */
export class StagedEntries0002 implements MigrationInterface {
  name = 'StagedEntries1795000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(entriesTable0001Sql('staged_entries'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staged_entries`);
  }
}
