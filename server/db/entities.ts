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
import type { EntitySchema } from 'typeorm';
import { entity, integers, optionalTexts, primaryKey, texts } from '../../common/entity-kit';
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
    ServerState: entity<ServerStateRow>('ServerState', 'server_state', {
      ...primaryKey(integers('id')),
      latestSeq: { type: seq },
      ...texts('epoch', 'createdAt'),
      ...optionalTexts('dbIdentity'),
    }),
    Entry: entity<EntryRow>('Entry', 'entries', {
      ...entryContentColumns({ tags: 'text' }),
      ...optionalTexts('retiredAt'),
      lastSeq: { type: seq },
    }),
    ChangeLog: entity<ChangeLogRow>('ChangeLog', 'change_log', {
      seq: { type: seq, primary: true },
      ...texts('op', 'id', 'locale'),
      ...integers('version'),
      ...texts('at', 'actor', 'item'),
    }),
    Token: entity<TokenRow>('Token', 'tokens', {
      ...primaryKey(texts('name')),
      tokenHash: { type: 'text', unique: true },
      ...texts('role', 'createdAt'),
      ...optionalTexts('tags'),
    }),
  };
}
