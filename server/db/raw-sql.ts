/**
 * Hand-written SQL with named parameters (`:after`, `:...ids`), bound by the driver: TypeORM's
 * own `escapeQueryWithParameters` turns them into `?` (SQLite) or `$n` (PostgreSQL) and the
 * values into the driver's parameter array, as its query builder does. Used where the query
 * builder would cost measurably more on a hot path (see knowledge-repo.ts) and in migrations.
 */
import type { DataSource } from 'typeorm';

export interface Queryable {
  readonly connection: DataSource;
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export async function rawRows<T>(target: Queryable, sql: string, parameters: Record<string, unknown> = {}): Promise<T[]> {
  const [text, values] = target.connection.driver.escapeQueryWithParameters(sql, parameters, {});
  return (await target.query(text, values)) as T[];
}

/**
 * `(…), (…)` for a multi-row INSERT with the driver's own placeholders (`?` or `$n`), and the
 * flat parameter array to bind. The query builder takes ~125 ms to build a 500-row upsert
 * (measured here), which would make a 10,000-entry publish several times slower.
 */
export function valuesList(target: Queryable, rows: ReadonlyArray<readonly unknown[]>): { sql: string; parameters: unknown[] } {
  const driver = target.connection.driver;
  const parameters: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value) => driver.createParameter('p', parameters.push(value) - 1)).join(', ')})`);
  return { sql: tuples.join(', '), parameters };
}
