/**
 * The server's database: SQLite (embedded, default) or PostgreSQL (`DATABASE_URL`), both through
 * TypeORM. All SQL is written once with `?` placeholders in the dialect both engines share
 * (ON CONFLICT upserts, TEXT/INTEGER/BIGINT columns) and renumbered to `$n` for PostgreSQL.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { DataSource, type EntityManager } from 'typeorm';
import { SCHEMA_STATEMENTS, SCHEMA_LOCK_ID } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface DbTarget {
  /** postgres://… when set; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

export interface Row {
  [column: string]: unknown;
}

/** What a query inside a transaction (or on its own) can do. */
export interface Sql {
  rows<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** For INSERT/UPDATE/DELETE: how many rows were touched. */
  exec(sql: string, params?: readonly unknown[]): Promise<number>;
}

export const SQLITE_FILE_NAME = 'cuecard-server.db';

export class ServerDb implements Sql {
  /** SQLite shares one connection: a read issued during a write transaction would see its
   * uncommitted rows, so on SQLite every statement goes through one queue. */
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dataSource: DataSource,
    readonly dialect: Dialect,
    readonly databaseUrl: string | null,
  ) {}

  static async open(target: DbTarget): Promise<ServerDb> {
    const url = target.databaseUrl?.trim() || null;
    let dataSource: DataSource;
    if (url) {
      dataSource = new DataSource({ type: 'postgres', url, logging: false, entities: [], extra: { max: 10 } });
    } else {
      mkdirSync(target.dataDir, { recursive: true });
      dataSource = new DataSource({
        type: 'sqlite',
        database: path.join(target.dataDir, SQLITE_FILE_NAME),
        enableWAL: true,
        busyTimeout: 10_000,
        logging: false,
        entities: [],
      });
    }
    await dataSource.initialize();
    const db = new ServerDb(dataSource, url ? 'postgres' : 'sqlite', url);
    try {
      await db.migrate();
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    return db;
  }

  /** Idempotent; on PostgreSQL an advisory lock keeps instances starting together from racing. */
  private async migrate(): Promise<void> {
    await this.transaction(async (sql) => {
      if (this.dialect === 'postgres') await sql.rows(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK_ID})`);
      for (const statement of SCHEMA_STATEMENTS(this.dialect)) await sql.exec(statement);
      await sql.exec(
        `INSERT INTO server_state (id, latest_seq, epoch, created_at) VALUES (1, 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
        [randomUUID(), new Date().toISOString()],
      );
    });
  }

  rows<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.serialised(async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return (await runner.query(this.placeholders(sql), [...params], true)).records as T[];
      } finally {
        await runner.release();
      }
    });
  }

  exec(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.transaction((tx) => tx.exec(sql, params));
  }

  /** One transaction; everything `work` does commits together or not at all. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.serialised(() => this.dataSource.transaction((manager) => work(this.bind(manager))));
  }

  async close(): Promise<void> {
    await this.tail.catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private bind(manager: EntityManager): Sql {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('transaction without a query runner');
    return {
      rows: async <T extends Row = Row>(sql: string, params: readonly unknown[] = []) =>
        (await runner.query(this.placeholders(sql), [...params], true)).records as T[],
      exec: async (sql: string, params: readonly unknown[] = []) =>
        (await runner.query(this.placeholders(sql), [...params], true)).affected ?? 0,
    };
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return task();
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private placeholders(sql: string): string {
    if (this.dialect === 'sqlite') return sql;
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  }
}
