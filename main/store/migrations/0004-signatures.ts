import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15: each synced entry keeps the approvers' signatures it came with (JSON), so it can be
 * verified again when opened, inserted or copied; and entries refused after they were stored (a
 * revoked key, a change in this DB) are moved aside into `refused_entries` with the reason, out of
 * search but not deleted.
 */
export class Signatures0004 implements MigrationInterface {
  name = 'Signatures1795000000004';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['entries', 'staged_entries']) await q.query(`ALTER TABLE ${table} ADD COLUMN signatures TEXT`);
    await q.query(`CREATE TABLE refused_entries (
      id TEXT NOT NULL,
      locale TEXT NOT NULL,
      version INTEGER NOT NULL,
      reason TEXT NOT NULL,
      refused_at TEXT NOT NULL,
      entry TEXT NOT NULL,
      PRIMARY KEY (id, locale)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refused_entries`);
    for (const table of ['staged_entries', 'entries']) await q.query(`ALTER TABLE ${table} DROP COLUMN signatures`);
  }
}
