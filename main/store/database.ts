/**
 * Opens the local knowledge DB: checks it, quarantines it when corrupt, refuses one written
 * by a newer app, runs the explicit migrations, and hands out a single serialised writer.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type sqlite3 from 'sqlite3';
import { DataSource, type EntityManager } from 'typeorm';
import { snakeCaseColumns } from '../../common/snake-case-columns';
import { ALL_ENTITIES } from './entities';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { PreparedStatements, type SqlWriter } from './prepared-statements';
import { sqliteDriverWithoutTraces } from './sqlite-driver';
import { WriteQueue } from './write-queue';

const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');
export const BUSY_TIMEOUT_MS = 5000;

export class FutureSchemaError extends Error {
  readonly code = 'future_schema';
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database ${file} has schema version ${found}, but this version of Cuecard only knows ` +
        `version ${supported}. It was written by a newer Cuecard: update the app. The file was left untouched.`,
    );
  }
}

export interface OpenOptions {
  /** File path, or ':memory:' in tests. */
  file: string;
  /** Clock for quarantine names; injected so tests are deterministic. */
  now?: () => Date;
  /** Only for throwaway test DBs: TypeORM builds the schema from entities instead of migrations. */
  synchronizeForTests?: boolean;
}

export interface OpenedDatabase {
  db: Database;
  /** Human-readable notices for the agent (e.g. a corrupt file was moved aside). */
  notices: string[];
  /** Set when a corrupt file was moved aside: the caller re-seeds / re-syncs. */
  quarantinedTo: string | null;
}

export class Database {
  private readonly queue = new WriteQueue();
  private prepared: PreparedStatements | null = null;

  constructor(
    readonly dataSource: DataSource,
    readonly file: string,
  ) {}

  /** Reads go straight to the connection. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /** The one way to write: queued behind every other write, inside one transaction. */
  write<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.run(() => this.dataSource.transaction(work));
  }

  /**
   * Like write(), for the hot paths (sync pages, imports): plain SQL through kept prepared
   * statements, in the same queue. BEGIN IMMEDIATE takes the write lock up front, so a CLI
   * writing the same file makes this wait (busy_timeout) instead of failing mid-transaction.
   */
  writeSql<T>(work: (sql: SqlWriter) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const sql = this.statements();
      await sql.run('BEGIN IMMEDIATE');
      try {
        const result = await work(sql);
        await sql.run('COMMIT');
        return result;
      } catch (error) {
        await sql.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  private statements(): PreparedStatements {
    this.prepared ??= new PreparedStatements((this.dataSource.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection);
    return this.prepared;
  }

  get pendingWrites(): number {
    return this.queue.size;
  }

  async close(): Promise<void> {
    await this.queue.drain();
    await this.prepared?.finalizeAll();
    this.prepared = null;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export async function openDatabase(options: OpenOptions): Promise<OpenedDatabase> {
  const notices: string[] = [];
  let quarantinedTo: string | null = null;
  const inMemory = options.file === ':memory:';
  if (!inMemory) {
    await fs.mkdir(path.dirname(options.file), { recursive: true });
    const problem = await headerProblem(options.file);
    if (problem) {
      quarantinedTo = await quarantine(options.file, options.now?.() ?? new Date());
      notices.push(`${problem} It was moved aside to ${quarantinedTo} and a fresh database was created.`);
    }
  }

  let dataSource = createDataSource(options);
  try {
    await dataSource.initialize();
    await assertIntact(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (inMemory || error instanceof FutureSchemaError || !isCorruption(error)) throw error;
    quarantinedTo = await quarantine(options.file, options.now?.() ?? new Date());
    notices.push(
      `The local database was damaged (${describe(error)}). It was moved aside to ${quarantinedTo} ` +
        `and a fresh database was created.`,
    );
    dataSource = createDataSource(options);
    await dataSource.initialize();
  }

  try {
    // WAL with synchronous=NORMAL: commits are not fsynced one by one, only at checkpoints.
    // An app crash loses nothing; a power cut may roll back the last commits, never corrupt
    // the file — and what this DB holds is re-synced from the server (the cursor commits with
    // its page). Per-commit fsyncs stalled applying pokes whenever the disk was busy.
    if (options.file !== ':memory:') await dataSource.query('PRAGMA synchronous = NORMAL');
    await migrate(dataSource, options);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return { db: new Database(dataSource, options.file), notices, quarantinedTo };
}

function createDataSource(options: OpenOptions): DataSource {
  return new DataSource({
    type: 'sqlite',
    driver: sqliteDriverWithoutTraces,
    database: options.file,
    entities: ALL_ENTITIES,
    namingStrategy: snakeCaseColumns,
    migrations: [...MIGRATIONS],
    migrationsTableName: 'migrations',
    synchronize: options.synchronizeForTests === true,
    enableWAL: options.file !== ':memory:',
    busyTimeout: BUSY_TIMEOUT_MS,
    logging: false,
  });
}

async function migrate(dataSource: DataSource, options: OpenOptions): Promise<void> {
  const [row] = (await dataSource.query('PRAGMA user_version')) as Array<{ user_version: number }>;
  const found = row?.user_version ?? 0;
  if (found > SCHEMA_VERSION) throw new FutureSchemaError(options.file, found, SCHEMA_VERSION);
  if (options.synchronizeForTests) return;
  await dataSource.runMigrations({ transaction: 'each' });
  if (found !== SCHEMA_VERSION) await dataSource.query(`PRAGMA user_version = ${SCHEMA_VERSION}`);
}

async function assertIntact(dataSource: DataSource): Promise<void> {
  const rows = (await dataSource.query('PRAGMA quick_check')) as Array<Record<string, string>>;
  const verdicts = rows.map((r) => Object.values(r)[0]);
  if (verdicts.length !== 1 || verdicts[0] !== 'ok') {
    throw new CorruptDatabaseError(verdicts.slice(0, 3).join('; ') || 'quick_check gave no answer');
  }
}

class CorruptDatabaseError extends Error {
  readonly corrupt = true;
}

function isCorruption(error: unknown): boolean {
  if (error instanceof CorruptDatabaseError) return true;
  const code = (error as { code?: string } | null)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  return /SQLITE_(CORRUPT|NOTADB)/.test(code) || /SQLITE_(CORRUPT|NOTADB)|malformed|not a database/i.test(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function headerProblem(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return null; // SQLite itself creates empty files; nothing to save.
    const header = Buffer.alloc(SQLITE_HEADER.length);
    await handle.read(header, 0, header.length, 0);
    return header.equals(SQLITE_HEADER) ? null : `The file ${file} is not a SQLite database.`;
  } finally {
    await handle.close();
  }
}

/** Moves the DB and its WAL/SHM companions aside; never deletes anything. */
export async function quarantine(file: string, when: Date): Promise<string> {
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.corrupt-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      await fs.rename(file + suffix, target + suffix);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return target;
}
