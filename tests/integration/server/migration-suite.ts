/**
 * The server schema's history, run on each engine (server-sqlite.test.ts, server-postgres.pg-test.ts):
 * migrations create it from nothing, agree with the entities, take over a database made before
 * versioned migrations, and let instances start together.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATIONS_TABLE, ServerDb } from '../../../server/db/server-db';
import { KnowledgeRepo } from '../../../server/db/knowledge-repo';
import { TokenStore } from '../../../server/db/tokens';
import { createLegacyDb, LEGACY_ENTRY, LEGACY_EPOCH, LEGACY_TOKEN } from './legacy-db';
import type { TestDb, TestDbFactory } from './test-server';
import { recordMigrationSql, schemaText } from './migration-sql';

const ALL = MIGRATIONS.map((m) => new m().name);

async function applied(db: ServerDb): Promise<string[]> {
  const rows = (await db.dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)) as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

/** `multiInstance`: several server processes may share the database (PostgreSQL; SQLite has one server). */
export function defineMigrationSuite(label: string, factory: TestDbFactory, multiInstance: boolean): void {
  describe(`server schema migrations on ${label}`, () => {
    let t: TestDb;
    const open: ServerDb[] = [];
    const openDb = async () => {
      const db = await ServerDb.open(t.target);
      open.push(db);
      return db;
    };
    beforeEach(async () => {
      t = await factory();
    });
    afterEach(async () => {
      for (const db of open.splice(0)) await db.close();
      await t.drop();
    });

    it('creates the schema by running every migration, and it matches the entities', async () => {
      const db = await openDb();
      expect(await applied(db)).toEqual(['Baseline1732870000001', 'ChangeItems1732870000002', 'ReviewWorkflow1732870000003', 'Signing1732870000004', 'SynonymsAndSignals1732870000005', 'TokenAudience1732870000006', 'SynonymSignatures1732870000007', 'DraftRevision1732870000008']);
      expect(ALL).toEqual(await applied(db));
      // What TypeORM would have to change to make the tables fit the entities: nothing.
      const diff = await db.dataSource.driver.createSchemaBuilder().log();
      expect(diff.upQueries.map((q) => q.query)).toEqual([]);
      expect(await new KnowledgeRepo(db).state()).toMatchObject({ latestSeq: 0 });
    });

    // Released migrations are frozen: what they issue and the schema they leave must never change,
    // also when their code is reorganised. Snapshots: __snapshots__/migrations-<engine>.*.
    it('issues, statement for statement, the SQL it issued when released, and leaves the same schema', async () => {
      const engine = t.target.databaseUrl ? 'postgres' : 'sqlite';
      await expect(await recordMigrationSql(t.target)).toMatchFileSnapshot(`__snapshots__/migrations-${engine}.statements.txt`);
      const db = await openDb();
      await expect(await schemaText(db.dataSource)).toMatchFileSnapshot(`__snapshots__/migrations-${engine}.schema.txt`);
    });

    it('runs nothing again at the next start', async () => {
      const first = await openDb();
      const epoch = (await new KnowledgeRepo(first).state()).epoch;
      await first.close();
      const second = await openDb();
      expect(await applied(second)).toEqual(ALL);
      expect((await new KnowledgeRepo(second).state()).epoch).toBe(epoch);
    });

    if (multiInstance) {
      it('lets several instances start on one new database at the same time', async () => {
        const dbs = await Promise.all([openDb(), openDb(), openDb()]);
        expect(await applied(dbs[0] as ServerDb)).toEqual(ALL);
      });
    }

    it('takes over a database made before versioned migrations, keeping its log, epoch and tokens', async () => {
      await createLegacyDb(t.target);
      const db = await openDb();
      expect(await applied(db)).toEqual(ALL);
      const repo = new KnowledgeRepo(db);
      const page = await repo.changes(0, 100);
      expect(page).toMatchObject({ epoch: LEGACY_EPOCH, latestSeq: 3, nextCursor: 3, hasMore: false });
      expect(page.items).toEqual([
        { seq: 1, op: 'upsert', id: LEGACY_ENTRY.id, locale: 'en', entry: LEGACY_ENTRY },
        { seq: 2, op: 'remove', id: LEGACY_ENTRY.id, locale: 'en' },
        { seq: 3, op: 'upsert', id: LEGACY_ENTRY.id, locale: 'en', entry: { ...LEGACY_ENTRY, version: 3, title: 'Returns, again' } },
      ]);
      expect(await new TokenStore(db).authenticate(LEGACY_TOKEN)).toEqual({ name: 'lena', role: 'lead', tags: null });
      const { id, locale, body, tags } = LEGACY_ENTRY;
      const next = await repo.publish([{ id, locale, kind: 'article', title: 'Returns v4', body, tags }], { name: 'lena' });
      expect(next).toEqual({ published: [{ id: LEGACY_ENTRY.id, locale: 'en', version: 4, seq: 4 }], latestSeq: 4 });
      expect((await db.dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    });
  });
}
