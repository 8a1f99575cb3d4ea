import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema0001 implements MigrationInterface {
  // TypeORM orders migrations by the 13-digit timestamp at the end of the name.
  name = 'InitialSchema1795000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE entries (
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
    await q.query(`CREATE INDEX entries_kind ON entries (kind)`);
    await q.query(`CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
    await q.query(`CREATE TABLE usage (
      id TEXT NOT NULL,
      locale TEXT NOT NULL,
      count INTEGER NOT NULL,
      last_used_at TEXT NOT NULL,
      PRIMARY KEY (id, locale)
    )`);
    await q.query(`CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
    await q.query(`INSERT INTO meta (key, value) VALUES ('content_version', '0')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meta`);
    await q.query(`DROP TABLE usage`);
    await q.query(`DROP TABLE settings`);
    await q.query(`DROP TABLE entries`);
  }
}
