import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staging copy of `entries`: a resync from scratch (another server, a new epoch, or the agent's
 * "Resync from scratch") fills it page by page while `entries` stays searchable, then one
 * transaction swaps it in (see KnowledgeStore.swapInStaged).
 */
export class StagedEntries0002 implements MigrationInterface {
  name = 'StagedEntries1795000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staged_entries (
      id TEXT NOT NULL,
      locale TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('template', 'article')),
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      tags TEXT NOT NULL DEFAULT '[]',
      url_or_path TEXT,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      approved_by TEXT,
      approved_at TEXT,
      review_state TEXT NOT NULL DEFAULT 'approved',
      PRIMARY KEY (id, locale)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staged_entries`);
  }
}
