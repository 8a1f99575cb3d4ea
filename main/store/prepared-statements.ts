/**
 * Writes through prepared statements kept for reuse on the connection TypeORM opened.
 * A sync client applies a small page on every poke; through TypeORM each statement was
 * prepared, run and finalized anew (three trips to the libuv pool, ~60 µs of main-thread CPU
 * each). A kept statement is one trip. Used only inside Database.writeSql(), i.e. behind the
 * one write queue, so no statement is ever run by two callers at once.
 */
import type sqlite3 from 'sqlite3';

export interface SqlWriter {
  /** Runs one statement with positional parameters; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs one query and resolves with its rows (reads that must see the transaction's own state). */
  all(sql: string, params?: readonly unknown[]): Promise<unknown[]>;
}

/** Distinct SQL texts kept prepared; the least recently used one is finalized beyond this. */
const MAX_KEPT = 32;

export class PreparedStatements implements SqlWriter {
  private readonly kept = new Map<string, sqlite3.Statement>();

  constructor(private readonly connection: sqlite3.Database) {}

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const statement = await this.statement(sql);
    return new Promise((resolve, reject) => {
      statement.run([...params], function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(error);
        else resolve(this.changes);
      });
    });
  }

  async all(sql: string, params: readonly unknown[] = []): Promise<unknown[]> {
    const statement = await this.statement(sql);
    return new Promise((resolve, reject) => {
      statement.all([...params], (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve(rows)));
    });
  }

  /** Finalizes every kept statement (SQLite will not close a connection that still has some). */
  async finalizeAll(): Promise<void> {
    const statements = [...this.kept.values()];
    this.kept.clear();
    await Promise.all(statements.map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
  }

  private async statement(sql: string): Promise<sqlite3.Statement> {
    const hit = this.kept.get(sql);
    if (hit) {
      this.kept.delete(sql); // re-insert: Map order is the recency order
      this.kept.set(sql, hit);
      return hit;
    }
    const statement = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const prepared: sqlite3.Statement = this.connection.prepare(sql, (error: Error | null) =>
        error ? reject(error) : resolve(prepared),
      );
    });
    this.kept.set(sql, statement);
    if (this.kept.size > MAX_KEPT) {
      const [oldest, old] = this.kept.entries().next().value as [string, sqlite3.Statement];
      this.kept.delete(oldest);
      old.finalize();
    }
    return statement;
  }
}
