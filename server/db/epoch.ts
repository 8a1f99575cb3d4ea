/**
 * The epoch names one change log. Clients keep their cursor only while the epoch stays the same,
 * so a log that went back in time or was replaced must get a new one, or agents would skip
 * changes silently (issue #12). Two mechanisms:
 *
 * - At every start the server compares the database's physical identity with the one recorded
 *   in `server_state.db_identity`. SQLite: the file's device and inode (a restored or copied
 *   file is a new file). PostgreSQL: the cluster's system identifier, the database's oid and
 *   the schema (a dump restored into a new database or cluster, or a move to another schema).
 *   The engine is part of it, so data migrated from SQLite to PostgreSQL (or back) always gets a
 *   new epoch. A mismatch rotates the epoch; a database without a recorded identity (new, or
 *   made before identities were recorded) adopts its current one.
 * - `npm run server -- epoch rotate` for what the server cannot see: a backup copied over the
 *   live file in place (same inode) or a `pg_restore --clean` into the same database.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { EntityManager } from 'typeorm';
import type { ServerDb } from './server-db';
import { rawRows } from './raw-sql';

export async function databaseIdentity(db: ServerDb): Promise<string> {
  if (db.file !== null) {
    const stat = statSync(db.file, { bigint: true });
    return `sqlite:${stat.dev}:${stat.ino}`;
  }
  return db.read(async (manager) => {
    const [row] = await rawRows<{ oid: number | string; schema: string }>(
      manager,
      'SELECT d.oid, current_schema() AS schema FROM pg_database d WHERE d.datname = current_database()',
    );
    let system = 'unknown';
    try {
      const [control] = await rawRows<{ id: string }>(manager, 'SELECT system_identifier::text AS id FROM pg_control_system()');
      if (control) system = control.id;
    } catch {
      // pg_control_system() may be denied to this role: the database oid and schema still tell.
    }
    return `postgres:${system}:${String(row?.oid)}:${String(row?.schema)}`;
  });
}

export type EpochCheck = { epoch: string; rotated: false } | { epoch: string; rotated: true; previous: string };

/** Run at start: rotates the epoch when the database is not the one the log was served from. */
export async function checkEpoch(db: ServerDb): Promise<EpochCheck> {
  const identity = await databaseIdentity(db);
  return db.transaction(async (manager) => {
    const state = await readState(db, manager);
    if (state.dbIdentity === identity) return { epoch: state.epoch, rotated: false };
    if (state.dbIdentity === null) {
      await writeState(db, manager, { dbIdentity: identity });
      return { epoch: state.epoch, rotated: false };
    }
    const epoch = randomUUID();
    await writeState(db, manager, { dbIdentity: identity, epoch });
    return { epoch, rotated: true, previous: state.epoch };
  });
}

/** `epoch rotate`: every client resynchronises from scratch at its next pull. */
export async function rotateEpoch(db: ServerDb): Promise<{ epoch: string; previous: string }> {
  const identity = await databaseIdentity(db);
  return db.transaction(async (manager) => {
    const state = await readState(db, manager);
    const epoch = randomUUID();
    await writeState(db, manager, { dbIdentity: identity, epoch });
    return { epoch, previous: state.epoch };
  });
}

async function readState(db: ServerDb, manager: EntityManager): Promise<{ epoch: string; dbIdentity: string | null }> {
  const row = await manager.getRepository(db.entities.ServerState).findOneBy({ id: 1 });
  if (!row) throw new Error('server_state is missing its row');
  return row;
}

async function writeState(db: ServerDb, manager: EntityManager, change: { dbIdentity: string; epoch?: string }): Promise<void> {
  await manager.getRepository(db.entities.ServerState).update({ id: 1 }, change);
}
