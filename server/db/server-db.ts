/**
 * The server's database: SQLite (embedded, default) or PostgreSQL (`DATABASE_URL`), both through
 * TypeORM's public API: entities (./entities.ts), versioned migrations (./migrations, run at every
 * start inside one transaction) and parameters bound by the driver (query builder, repositories,
 * or ./raw-sql.ts for hand-written SQL).
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { DataSource, type EntityManager, type MigrationInterface } from 'typeorm';
import type { Dialect } from './dialect';
import { serverEntities, type ServerEntities } from './entities';
import { rawRows } from './raw-sql';
import { checkEpoch, type EpochCheck } from './epoch';
import { Baseline1732870000001 } from './migrations/0001-baseline';
import { ChangeItems1732870000002 } from './migrations/0002-change-items';
import { ReviewWorkflow1732870000003 } from './migrations/0003-review-workflow';
import { Signing1732870000004 } from './migrations/0004-signing';
import { SynonymsAndSignals1732870000005 } from './migrations/0005-synonyms-and-signals';
import { TokenAudience1732870000006 } from './migrations/0006-token-audience';
import { SynonymSignatures1732870000007 } from './migrations/0007-synonym-signatures';
import { DraftRevision1732870000008 } from './migrations/0008-draft-revision';
import { snakeCaseColumns } from '../../common/snake-case-columns';
import { ReviewEntities } from '../review/review-entities';
import { SigningEntities } from '../signing/signing-entities';

export type { Dialect } from './dialect';

export interface DbTarget {
  /** postgres://… when set; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

export const SQLITE_FILE_NAME = 'cuecard-server.db';
export const MIGRATIONS_TABLE = 'schema_migrations';
/** In order. A new migration is appended here (and never edited once released). */
export const MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  Baseline1732870000001,
  ChangeItems1732870000002,
  ReviewWorkflow1732870000003,
  Signing1732870000004,
  SynonymsAndSignals1732870000005,
  TokenAudience1732870000006,
  SynonymSignatures1732870000007,
  DraftRevision1732870000008,
];
/** Serialises instances migrating one PostgreSQL database at the same time. */
const MIGRATION_LOCK_ID = 587_231_004;

export class ServerDb {
  /** SQLite shares one connection: a read issued during a write transaction would see its
   * uncommitted rows, so on SQLite every statement goes through one queue. */
  private tail: Promise<unknown> = Promise.resolve();
  /** What the start-up epoch check found (see epoch.ts): every open checks, the CLI's too. */
  epochCheck: EpochCheck = { epoch: '', rotated: false };

  private constructor(
    readonly dataSource: DataSource,
    readonly dialect: Dialect,
    readonly entities: ServerEntities,
    readonly databaseUrl: string | null,
    /** The SQLite file, or null on PostgreSQL. */
    readonly file: string | null,
  ) {}

  static async open(target: DbTarget): Promise<ServerDb> {
    const url = target.databaseUrl?.trim() || null;
    const dialect: Dialect = url ? 'postgres' : 'sqlite';
    const entities = serverEntities(dialect);
    const common = {
      entities: [...Object.values(entities), ...Object.values(ReviewEntities), ...Object.values(SigningEntities)],
      namingStrategy: snakeCaseColumns,
      migrations: [...MIGRATIONS],
      migrationsTableName: MIGRATIONS_TABLE,
      migrationsTransactionMode: 'all' as const,
      logging: false,
    };
    let dataSource: DataSource;
    let file: string | null = null;
    if (url) {
      dataSource = new DataSource({ ...common, type: 'postgres', url, extra: { max: 10 } });
    } else {
      mkdirSync(target.dataDir, { recursive: true });
      file = path.join(target.dataDir, SQLITE_FILE_NAME);
      dataSource = new DataSource({ ...common, type: 'sqlite', database: file, enableWAL: true, busyTimeout: 10_000 });
    }
    await dataSource.initialize();
    const db = new ServerDb(dataSource, dialect, entities, url, file);
    try {
      await db.migrate();
      db.epochCheck = await checkEpoch(db);
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    return db;
  }

  /** Runs the pending migrations; on PostgreSQL a session advisory lock keeps instances starting
   * together from racing (TypeORM's migration runner takes no lock of its own). */
  private async migrate(): Promise<void> {
    if (this.dialect === 'sqlite') {
      await this.dataSource.runMigrations({ transaction: 'all' });
      return;
    }
    const runner = this.dataSource.createQueryRunner();
    try {
      await rawRows(runner, 'SELECT pg_advisory_lock(:id)', { id: MIGRATION_LOCK_ID });
      try {
        await this.dataSource.runMigrations({ transaction: 'all' });
      } finally {
        await rawRows(runner, 'SELECT pg_advisory_unlock(:id)', { id: MIGRATION_LOCK_ID });
      }
    } finally {
      await runner.release();
    }
  }

  /** Reads outside a transaction (queued behind writes on SQLite). */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.serialised(() => work(this.dataSource.manager));
  }

  /** One transaction; everything `work` does commits together or not at all. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.serialised(() => this.dataSource.transaction(work));
  }

  async close(): Promise<void> {
    await this.tail.catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return task();
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
