/**
 * The server's tables as TypeORM entities (EntitySchema: plain objects, no decorators). The
 * schema itself is created and changed only by the versioned migrations in ./migrations; a test
 * checks that the migrated schema and these entities agree on both engines.
 *
 * Dates are ISO-8601 text so both engines hand back the same strings. Sequence columns are
 * BIGINT on PostgreSQL (which returns them as strings: read them through `Number`) and INTEGER
 * on SQLite, where `seq INTEGER PRIMARY KEY` is the rowid itself (page reads walk the table
 * b-tree directly instead of an index plus a lookup).
 */
import { EntitySchema } from 'typeorm';
import type { Dialect } from './dialect';
import { entryContentColumns } from '../../common/entry-columns';

/** One row (id = 1): `latest_seq` is the change-log counter (see common/sync-protocol.ts for why a
 * counter row and not a sequence), `epoch` names this log, `db_identity` is the database it was
 * last started on (see epoch.ts). */
export interface ServerStateRow {
  id: number;
  latestSeq: number | string;
  epoch: string;
  createdAt: string;
  dbIdentity: string | null;
}

/** The current state of every (id, locale); a retired entry keeps its row with `retiredAt` set
 * so versions keep increasing if it is published again. */
export interface EntryRow {
  id: string;
  locale: string;
  kind: string;
  title: string;
  body: string;
  /** JSON array of strings. */
  tags: string;
  urlOrPath: string | null;
  version: number;
  updatedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  reviewState: string;
  retiredAt: string | null;
  lastSeq: number | string;
}

/** One row per change. `item` is the page item without its seq, as JSON, built once from the
 * published entry (or the retired key): the single source of what clients receive. */
export interface ChangeLogRow {
  seq: number | string;
  op: string;
  id: string;
  locale: string;
  version: number;
  at: string;
  actor: string;
  item: string;
}

/** Only the SHA-256 of each token is kept. */
export interface TokenRow {
  name: string;
  tokenHash: string;
  role: string;
  createdAt: string;
  /** A bot token's tags as a JSON array (migration 0006); null = the default audience. */
  tags: string | null;
}

export interface ServerEntities {
  ServerState: EntitySchema<ServerStateRow>;
  Entry: EntitySchema<EntryRow>;
  ChangeLog: EntitySchema<ChangeLogRow>;
  Token: EntitySchema<TokenRow>;
}

export function serverEntities(dialect: Dialect): ServerEntities {
  const seq = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    ServerState: new EntitySchema<ServerStateRow>({
      name: 'ServerState',
      tableName: 'server_state',
      columns: {
        id: { type: 'integer', primary: true },
        latestSeq: { type: seq },
        epoch: { type: 'text' },
        createdAt: { type: 'text' },
        dbIdentity: { type: 'text', nullable: true },
      },
    }),
    Entry: new EntitySchema<EntryRow>({
      name: 'Entry',
      tableName: 'entries',
      columns: {
        ...entryContentColumns({ tags: 'text' }),
        retiredAt: { type: 'text', nullable: true },
        lastSeq: { type: seq },
      },
    }),
    ChangeLog: new EntitySchema<ChangeLogRow>({
      name: 'ChangeLog',
      tableName: 'change_log',
      columns: {
        seq: { type: seq, primary: true },
        op: { type: 'text' },
        id: { type: 'text' },
        locale: { type: 'text' },
        version: { type: 'integer' },
        at: { type: 'text' },
        actor: { type: 'text' },
        item: { type: 'text' },
      },
    }),
    Token: new EntitySchema<TokenRow>({
      name: 'Token',
      tableName: 'tokens',
      columns: {
        name: { type: 'text', primary: true },
        tokenHash: { type: 'text', unique: true },
        role: { type: 'text' },
        createdAt: { type: 'text' },
        tags: { type: 'text', nullable: true },
      },
    }),
  };
}
