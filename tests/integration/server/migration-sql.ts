/**
 * What the server migrations do to a database, as text to compare with a snapshot: every statement
 * each migration issues but TypeORM's catalog look-ups (recorded through TypeORM's query runner as
 * `up` runs on a fresh database, in a transaction rolled back after), and the schema that results (SQLite's `sqlite_master`; PostgreSQL's columns, constraints and
 * indexes). Migrations are frozen once released, so neither may ever change (migration-suite.ts).
 */
import { DataSource, type QueryRunner } from 'typeorm';
import { MIGRATIONS, type DbTarget } from '../../../server/db/server-db';

/** TypeORM's own look-ups in the catalog (how it reads a table before changing it): its internals,
 * which a TypeORM upgrade may word differently without any change to the schema. */
const CATALOG_READ = /^\s*(PRAGMA |SELECT .*("sqlite_master"|information_schema|pg_catalog|"pg_|current_schema\(\)|current_database\(\)))/s;

/** The statements `up` of every migration issues, in order, each after a `-- <migration>` line. */
export async function recordMigrationSql(target: DbTarget): Promise<string> {
  const dataSource = target.databaseUrl
    ? new DataSource({ type: 'postgres', url: target.databaseUrl })
    : new DataSource({ type: 'sqlite', database: `${target.dataDir}/recorded.db` });
  await dataSource.initialize();
  // Each PostgreSQL test database is a schema of its own name (test-server.ts), which TypeORM's
  // look-ups spell out: recorded as <schema>.
  const schema = target.databaseUrl ? ((await dataSource.query('SELECT current_schema() AS name')) as Array<{ name: string }>)[0]?.name : undefined;
  const runner = dataSource.createQueryRunner();
  const lines: string[] = [];
  const query = runner.query.bind(runner) as QueryRunner['query'];
  runner.query = ((sql: string, parameters?: unknown[], structured?: boolean) => {
    if (!CATALOG_READ.test(sql)) lines.push(schema ? sql.trim().replaceAll(schema, '<schema>') : sql.trim());
    return structured ? query(sql, parameters, true) : query(sql, parameters);
  }) as QueryRunner['query'];
  try {
    await runner.startTransaction();
    for (const Migration of MIGRATIONS) {
      const migration = new Migration();
      lines.push(`-- ${migration.name ?? Migration.name}`);
      await migration.up(runner);
    }
    await runner.rollbackTransaction(); // the database stays empty for the real start after
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
  return `${lines.join('\n')}\n`;
}

/** The schema of the database `dataSource` is open on, one object a line, in a stable order. */
export async function schemaText(dataSource: DataSource): Promise<string> {
  if (dataSource.options.type === 'sqlite') {
    const rows = (await dataSource.query(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`)) as Array<Record<string, unknown>>;
    return `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
  }
  const sections = [
    `SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    `SELECT tc.table_name, tc.constraint_name, tc.constraint_type, kcu.column_name, kcu.ordinal_position
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      WHERE tc.table_schema = current_schema() ORDER BY tc.table_name, tc.constraint_name, kcu.ordinal_position`,
    `SELECT tablename, indexname, replace(indexdef, current_schema() || '.', '') AS indexdef
       FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname`,
  ];
  const lines: string[] = [];
  for (const sql of sections) {
    for (const row of (await dataSource.query(sql)) as Array<Record<string, unknown>>) lines.push(JSON.stringify(row));
  }
  return `${lines.join('\n')}\n`;
}
