import type { MigrationInterface, QueryRunner } from 'typeorm';
import { entriesTable0001Sql } from './entries-table-0001';

export class InitialSchema0001 implements MigrationInterface {
  // TypeORM orders migrations by the 13-digit timestamp at the end of the name.
  name = 'InitialSchema1795000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(entriesTable0001Sql('entries'));
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
