/**
 * The app's entities agree with the schema its migrations make: every entity column (named by
 * common/snake-case-columns.ts) is a column of its migrated table, with the same type, nullability
 * and key. TypeORM's schema builder would want nothing but an index the entities do not declare.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/store/database';

let db: Database | null = null;
let dir = '';
afterEach(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

it('has, for every entity column, a migrated column of that name, type, nullability and key', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-entities-'));
  db = (await openDatabase({ file: path.join(dir, 'cuecard.db') })).db;
  for (const entity of db.dataSource.entityMetadatas) {
    const migrated = (await db.dataSource.query(`PRAGMA table_xinfo("${entity.tableName}")`)) as ColumnInfo[];
    const declared = entity.columns.map((column) => ({
      name: column.databaseName,
      type: column.type === 'simple-json' ? 'text' : String(column.type),
      notnull: column.isNullable ? 0 : 1,
      key: column.isPrimary,
    }));
    const actual = declared.map(({ name }) => migrated.find((c) => c.name === name));
    expect(actual.map((c) => c && { name: c.name, type: c.type.toLowerCase(), notnull: c.notnull, key: c.pk > 0 }), entity.tableName).toEqual(declared);
  }
  const wanted = await db.dataSource.driver.createSchemaBuilder().log();
  expect(wanted.upQueries[0]?.query).toBe('DROP INDEX "entries_kind"');
  expect(wanted.upQueries.map((q) => q.query).filter((q) => !/^(DROP INDEX|CREATE TABLE "temporary_entries"|INSERT INTO "temporary_entries"|DROP TABLE "entries"|ALTER TABLE "temporary_entries")/.test(q))).toEqual([]);
});
