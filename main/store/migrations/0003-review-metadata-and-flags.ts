import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #13: the review metadata agents see as badges (verification due date, stale translation,
 * source locale) on each synced entry, and the outbox of flags the agent raised while offline.
 */
export class ReviewMetadataAndFlags0003 implements MigrationInterface {
  name = 'ReviewMetadataAndFlags1795000000003';

  async up(q: QueryRunner): Promise<void> {
    // The staging copy of `entries` (0002) keeps the same columns.
    for (const table of ['entries', 'staged_entries']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN verification_due_at TEXT`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN stale_translation INTEGER NOT NULL DEFAULT 0`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN source_locale TEXT`);
    }
    // One row per flag until the server has it; client_id makes a resend after a lost answer
    // harmless. A flag the server refuses for good (say the entry was retired) stays as 'refused'.
    await q.query(`CREATE TABLE flag_outbox (
      client_id TEXT PRIMARY KEY NOT NULL,
      server_url TEXT NOT NULL,
      id TEXT NOT NULL,
      locale TEXT NOT NULL,
      version INTEGER NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('outdated', 'wrong')),
      comment TEXT NOT NULL,
      created_at TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'refused')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT
    )`);
    await q.query(`CREATE INDEX flag_outbox_created ON flag_outbox (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE flag_outbox`);
    for (const table of ['staged_entries', 'entries']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN source_locale`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN stale_translation`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN verification_due_at`);
    }
  }
}
