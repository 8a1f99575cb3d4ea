/**
 * A migration that adds tables (0003–0005): `up` creates each table in the order given, then
 * `fill` may copy rows into them; `down` drops them in the reverse order. Frozen like the column
 * kit (./columns.ts): the statements it issues are those migrations' own, which migration-suite.ts
 * compares with what they issued when released, on SQLite and PostgreSQL.
 */
import { Table, type MigrationInterface, type QueryRunner, type TableOptions } from 'typeorm';

export function tablesMigration(
  name: string,
  tables: readonly TableOptions[],
  fill?: (q: QueryRunner) => Promise<void>,
): new () => MigrationInterface {
  return class implements MigrationInterface {
    readonly name = name;

    async up(q: QueryRunner): Promise<void> {
      for (const table of tables) await q.createTable(new Table(table));
      await fill?.(q);
    }

    async down(q: QueryRunner): Promise<void> {
      for (const table of tables.toReversed()) await q.dropTable(table.name);
    }
  };
}
