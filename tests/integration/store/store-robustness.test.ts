/** The local DB: a newer schema is refused untouched, a corrupt file is moved aside, writes are serialised. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FutureSchemaError, openDatabase } from '../../../main/store/database';
import { KnowledgeStore } from '../../../main/store/knowledge-store';
import { SCHEMA_VERSION } from '../../../main/store/migrations';
import { entry } from '../../unit/search/helpers';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function exec(file: string, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.exec(sql, (err) => db.close(() => (err ? reject(err) : resolve())));
  });
}

describe('store robustness', () => {
  it('refuses a DB written by a newer app and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'cuecard.db');
    const { db } = await openDatabase({ file });
    await new KnowledgeStore(db).upsertMany([entry({ id: 'keep', title: 'Keep me' })]);
    await db.close();
    await exec(file, `PRAGMA user_version = ${SCHEMA_VERSION + 5}`);
    const before = sha(file);
    const error = await openDatabase({ file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FutureSchemaError);
    expect((error as Error).message).toBe(
      `The database ${file} has schema version ${SCHEMA_VERSION + 5}, but this version of Cuecard only knows version ${SCHEMA_VERSION}. It was written by a newer Cuecard: update the app. The file was left untouched.`,
    );
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('moves a non-database file aside with a timestamp and starts fresh, telling the user', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cuecard.db');
    fs.writeFileSync(file, 'this is not sqlite at all, just some bytes'.repeat(100));
    const garbage = sha(file);
    const opened = await openDatabase({ file, now: () => new Date('2026-03-04T05:06:07.000Z') });
    expect(opened.quarantinedTo).toBe(`${file}.corrupt-2026-03-04T05-06-07-000Z`);
    expect(sha(opened.quarantinedTo as string)).toBe(garbage);
    expect(opened.notices).toEqual([
      `The file ${file} is not a SQLite database. It was moved aside to ${file}.corrupt-2026-03-04T05-06-07-000Z and a fresh database was created.`,
    ]);
    expect(await new KnowledgeStore(opened.db).count()).toBe(0);
    await opened.db.close();
  });

  it('moves the -wal and -shm files aside with the corrupt DB, so none is replayed into the fresh one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cuecard.db');
    fs.writeFileSync(file, 'not sqlite'.repeat(100));
    fs.writeFileSync(`${file}-wal`, 'the corrupt database’s write-ahead log');
    fs.writeFileSync(`${file}-shm`, 'its shared-memory index');
    const opened = await openDatabase({ file, now: () => new Date('2026-03-04T05:06:07.000Z') });
    const target = `${file}.corrupt-2026-03-04T05-06-07-000Z`;
    expect(fs.readFileSync(`${target}-wal`, 'utf8')).toBe('the corrupt database’s write-ahead log');
    expect(fs.readFileSync(`${target}-shm`, 'utf8')).toBe('its shared-memory index');
    // The fresh DB's own WAL/SHM (if SQLite made them yet) are not the old ones.
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) expect(fs.readFileSync(file + suffix, 'utf8')).not.toContain('corrupt database’s');
    }
    expect(fs.readdirSync(dir).sort()).toEqual(
      ['cuecard.db', `cuecard.db.corrupt-2026-03-04T05-06-07-000Z`, `cuecard.db.corrupt-2026-03-04T05-06-07-000Z-shm`, `cuecard.db.corrupt-2026-03-04T05-06-07-000Z-wal`, 'cuecard.db-shm', 'cuecard.db-wal'].sort(),
    );
    await opened.db.close();
  });

  it('moves a DB with damaged pages aside (PRAGMA quick_check)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cuecard.db');
    const { db } = await openDatabase({ file });
    const store = new KnowledgeStore(db);
    await store.upsertMany(Array.from({ length: 300 }, (_, i) => entry({ id: `e${i}`, title: `Entry ${i}`, body: 'x'.repeat(2000) })));
    await db.close();
    await exec(file, 'PRAGMA wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(file);
    // Scribble over the b-tree pages of the second half of the file (the entries' rows, written
    // last), keeping the header and the schema's pages valid: the DB opens, and only quick_check
    // finds the damage. (From page 2 on, a schema grown by migrations would fail the open itself.)
    const firstDamaged = Math.ceil(bytes.length / 2 / 4096) * 4096;
    for (let at = firstDamaged; at < bytes.length; at += 4096) bytes.fill(0xa5, at, at + 64);
    fs.writeFileSync(file, bytes);
    const opened = await openDatabase({ file, now: () => new Date('2026-03-04T05:06:07.000Z') });
    expect(opened.quarantinedTo).toBe(`${file}.corrupt-2026-03-04T05-06-07-000Z`);
    // quick_check's own report (which pages, in SQLite's words) sits in the middle.
    expect(opened.notices).toHaveLength(1);
    expect(opened.notices[0]?.startsWith('The local database was damaged (*** in database main ***\n')).toBe(true);
    expect(opened.notices[0]?.endsWith(`). It was moved aside to ${file}.corrupt-2026-03-04T05-06-07-000Z and a fresh database was created.`)).toBe(true);
    expect(await new KnowledgeStore(opened.db).count()).toBe(0);
    await opened.db.close();
  });

  it('serialises concurrent writes; a failing transaction loses nothing else', async () => {
    const file = path.join(tempDir(), 'cuecard.db');
    const { db } = await openDatabase({ file });
    const store = new KnowledgeStore(db);
    const writes = Array.from({ length: 40 }, (_, i) => store.upsertMany([entry({ id: `w${i}`, title: `Write ${i}` })]));
    const failing = db.write(async (tx) => {
      await tx.query(`INSERT INTO settings (key, value) VALUES ('half', '"done"')`);
      throw new Error('boom');
    });
    const more = Array.from({ length: 40 }, (_, i) => store.upsertMany([entry({ id: `x${i}`, title: `More ${i}` })]));
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([...writes, ...more]);
    expect(await store.count()).toBe(80);
    const rows = await db.reader.query(`SELECT * FROM settings WHERE key = 'half'`);
    expect(rows).toEqual([]); // the failed transaction rolled back entirely
    expect(await store.contentVersion()).toBe(80);
    await db.close();
  });

  it('writes through kept prepared statements: a failing plain-SQL transaction rolls back whole, and the DB closes clean', async () => {
    const file = path.join(tempDir(), 'cuecard.db');
    const { db } = await openDatabase({ file });
    const store = new KnowledgeStore(db);
    // Interleave TypeORM writes, plain-SQL writes and a plain-SQL transaction that fails half-way.
    const typeorm = db.write((tx) => tx.query(`INSERT INTO settings (key, value) VALUES ('theme', '"dark"')`));
    const pages = Array.from({ length: 30 }, (_, i) =>
      store.applyAtomically([entry({ id: `p${i}`, title: `Page ${i}` })], [], { cursor: i }),
    );
    const failing = db.writeSql(async (sql) => {
      await sql.run('INSERT INTO entries (id, locale, kind, title, body, tags, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        'half', 'en', 'article', 'Half written', 'b', '[]', 1, '2026-01-01T00:00:00Z',
      ]);
      await sql.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['half', '1']);
      await sql.run('INSERT INTO no_such_table VALUES (1)');
    });
    await expect(failing).rejects.toThrow(/no such table/);
    await Promise.all([typeorm, ...pages]);
    expect(await store.count()).toBe(30);
    expect(await store.get('half', 'en')).toBeNull();
    expect(await db.reader.query(`SELECT key FROM meta WHERE key = 'half'`)).toEqual([]);
    expect(await db.reader.query(`SELECT value FROM meta WHERE key = 'cursor'`)).toEqual([{ value: '29' }]);
    // Meta-only commits (no entry changed) leave the content version alone.
    await store.applyAtomically([], [{ id: 'never-there', locale: 'en' }], { cursor: 30 });
    expect(await store.contentVersion()).toBe(30);
    expect(await store.remove('p3', 'en')).toBe(true);
    expect(await store.remove('p3', 'en')).toBe(false);
    expect(await store.contentVersion()).toBe(31);
    // A page's removals in one statement: listeners hear exactly the rows that were there.
    const heard: string[] = [];
    const stop = store.onChange((changes) => heard.push(...changes.map((c) => (c.type === 'remove' ? `-${c.id}` : `+${c.entry.id}`))));
    const gone = ['p4', 'p3', 'never-there', 'p5', "it's \"quoted\""].map((id) => ({ id, locale: 'en' }));
    await store.applyAtomically([entry({ id: 'p30', title: 'Page 30' })], gone, { cursor: 31 });
    stop();
    expect(heard.sort()).toEqual(['+p30', '-p4', '-p5']);
    expect(await store.count()).toBe(28);
    expect(await store.contentVersion()).toBe(32);
    // A kept statement that failed (constraint) is reset and works for the next caller.
    const insertMeta = 'INSERT INTO meta (key, value) VALUES (?, ?)';
    await expect(db.writeSql((sql) => sql.run(insertMeta, ['content_version', '0']))).rejects.toThrow(/UNIQUE/);
    await db.writeSql((sql) => sql.run(insertMeta, ['fresh-key', '"x"']));
    expect(await db.reader.query(`SELECT value FROM meta WHERE key = 'fresh-key'`)).toEqual([{ value: '"x"' }]);
    expect(await store.contentVersion()).toBe(32); // the failed write bumped nothing
    await db.close(); // throws SQLITE_BUSY if a kept statement were left unfinalized
    const reopened = await openDatabase({ file });
    expect(await new KnowledgeStore(reopened.db).count()).toBe(28);
    await reopened.db.close();
  });
});
