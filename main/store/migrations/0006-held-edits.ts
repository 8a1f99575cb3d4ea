import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #18: the edit ratio of one inserted or copied reply, held until the agent can no longer
 * report a later edit of it (main/application/reply-edits.ts): a later report replaces the ratio,
 * so each use counts one edit. Once `release_at` has passed it moves into `signal_counts` as an
 * `edited` count. Only numbers: the texts compared never leave memory.
 */
export class HeldEdits0006 implements MigrationInterface {
  name = 'HeldEdits1795000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE held_edits (
      use_id TEXT PRIMARY KEY NOT NULL,
      day TEXT NOT NULL,
      key TEXT NOT NULL,
      locale TEXT NOT NULL,
      ratio REAL NOT NULL CHECK (ratio >= 0 AND ratio <= 1),
      release_at TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE held_edits`);
  }
}
