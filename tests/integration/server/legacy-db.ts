/**
 * A database as the server made it before versioned migrations (CREATE TABLE IF NOT EXISTS at
 * every start; the change log kept each entry as JSON beside its id and locale), with a little
 * data, so tests can check the baseline migration takes such a database over unchanged.
 */
import { DataSource } from 'typeorm';
import { hashToken } from '../../../server/db/tokens';
import type { DbTarget } from '../../../server/db/server-db';
import { SQLITE_FILE_NAME } from '../../../server/db/server-db';
import path from 'node:path';
import fs from 'node:fs';

export const LEGACY_EPOCH = '6f0c1b9e-legacy-epoch';
export const LEGACY_TOKEN = 'cct_legacy-lead-token';
export const LEGACY_ENTRY = {
  id: 'kb/returns',
  locale: 'en',
  kind: 'article',
  title: 'Returns',
  body: 'Within 30 days.',
  tags: ['returns'],
  urlOrPath: null,
  version: 1,
  updatedAt: '2026-01-02T03:04:05.000Z',
  approvedBy: 'lena',
  approvedAt: '2026-01-02T03:04:05.000Z',
  reviewState: 'approved',
};

export async function createLegacyDb(target: DbTarget): Promise<void> {
  const postgres = Boolean(target.databaseUrl);
  if (!postgres) fs.mkdirSync(target.dataDir, { recursive: true });
  const ds = new DataSource(
    postgres
      ? { type: 'postgres', url: target.databaseUrl as string }
      : { type: 'sqlite', database: path.join(target.dataDir, SQLITE_FILE_NAME) },
  );
  await ds.initialize();
  const bigint = postgres ? 'BIGINT' : 'INTEGER';
  const p = (i: number) => (postgres ? `$${i}` : '?');
  try {
    await ds.query(`CREATE TABLE IF NOT EXISTS server_state (id INTEGER PRIMARY KEY, latest_seq ${bigint} NOT NULL, epoch TEXT NOT NULL, created_at TEXT NOT NULL)`);
    await ds.query(`CREATE TABLE IF NOT EXISTS entries (id TEXT NOT NULL, locale TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
      body TEXT NOT NULL, tags TEXT NOT NULL, url_or_path TEXT, version INTEGER NOT NULL, updated_at TEXT NOT NULL, approved_by TEXT,
      approved_at TEXT, review_state TEXT NOT NULL, retired_at TEXT, last_seq ${bigint} NOT NULL, PRIMARY KEY (id, locale))`);
    await ds.query(`CREATE TABLE IF NOT EXISTS change_log (seq ${bigint} PRIMARY KEY, op TEXT NOT NULL, id TEXT NOT NULL,
      locale TEXT NOT NULL, version INTEGER NOT NULL, entry TEXT, at TEXT NOT NULL, actor TEXT NOT NULL)`);
    await ds.query(`CREATE TABLE IF NOT EXISTS tokens (name TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, created_at TEXT NOT NULL)`);
    await ds.query(`INSERT INTO server_state (id, latest_seq, epoch, created_at) VALUES (1, 3, ${p(1)}, '2026-01-01T00:00:00.000Z')`, [LEGACY_EPOCH]);
    const e = LEGACY_ENTRY;
    await ds.query(
      `INSERT INTO entries VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map(p).join(', ')})`,
      [e.id, e.locale, e.kind, e.title, e.body, JSON.stringify(e.tags), null, 3, e.updatedAt, e.approvedBy, e.approvedAt, e.reviewState, null, 3],
    );
    const log = `INSERT INTO change_log VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(', ')})`;
    await ds.query(log, [1, 'upsert', e.id, e.locale, 1, JSON.stringify(e), e.updatedAt, 'lena']);
    await ds.query(log, [2, 'remove', e.id, e.locale, 2, null, e.updatedAt, 'lena']);
    await ds.query(log, [3, 'upsert', e.id, e.locale, 3, JSON.stringify({ ...e, version: 3, title: 'Returns, again' }), e.updatedAt, 'lena']);
    await ds.query(`INSERT INTO tokens VALUES (${p(1)}, ${p(2)}, 'lead', '2026-01-01T00:00:00.000Z')`, ['lena', hashToken(LEGACY_TOKEN)]);
  } finally {
    await ds.destroy();
  }
}
