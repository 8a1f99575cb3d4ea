import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #18: usage signals counted on the agent's machine until the sync sends them. One row per
 * day, kind and key: an entry's found/opened/inserted/copied counts, a missed search's count (key
 * = hash of the normalised query, text kept for the agent to see and sent only when the policy
 * allows), an inserted template's edits (count and sum of edit ratios). `signal_batches` holds
 * what is being sent under one batch id until the server has it, so a resend is counted once.
 */
export class UsageSignals0005 implements MigrationInterface {
  name = 'UsageSignals1795000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE signal_counts (
      day TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('found', 'opened', 'inserted', 'copied', 'missed', 'edited')),
      key TEXT NOT NULL,
      locale TEXT NOT NULL,
      query_text TEXT,
      n INTEGER NOT NULL DEFAULT 0,
      ratio_sum REAL NOT NULL DEFAULT 0,
      PRIMARY KEY (day, kind, key, locale)
    )`);
    await q.query(`CREATE TABLE signal_batches (
      batch_id TEXT PRIMARY KEY NOT NULL,
      server_url TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signal_batches`);
    await q.query(`DROP TABLE signal_counts`);
  }
}
