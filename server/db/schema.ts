/**
 * The server schema, created idempotently at start. Columns use types both SQLite and
 * PostgreSQL accept; dates are ISO-8601 text so both engines hand back the same strings.
 *
 * - server_state: one row; `latest_seq` is the change-log counter (see common/sync-protocol.ts
 *   for why it is a counter row and not a sequence) and `epoch` names this log.
 * - entries: the current state of every (id, locale); a retired entry keeps its row with
 *   `retired_at` set so versions keep increasing if it is published again.
 * - change_log: one row per change, with the entry as published at that seq (JSON).
 * - tokens: only the SHA-256 of each token is kept.
 */
import type { Dialect } from './server-db';

export const SCHEMA_LOCK_ID = 587_231_004;

export function SCHEMA_STATEMENTS(dialect: Dialect): string[] {
  const bigint = dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  return [
    `CREATE TABLE IF NOT EXISTS server_state (
      id INTEGER PRIMARY KEY,
      latest_seq ${bigint} NOT NULL,
      epoch TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS entries (
      id TEXT NOT NULL,
      locale TEXT NOT NULL,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      tags TEXT NOT NULL,
      url_or_path TEXT,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      approved_by TEXT,
      approved_at TEXT,
      review_state TEXT NOT NULL,
      retired_at TEXT,
      last_seq ${bigint} NOT NULL,
      PRIMARY KEY (id, locale)
    )`,
    `CREATE TABLE IF NOT EXISTS change_log (
      seq ${bigint} PRIMARY KEY,
      op TEXT NOT NULL,
      id TEXT NOT NULL,
      locale TEXT NOT NULL,
      version INTEGER NOT NULL,
      entry TEXT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS tokens (
      name TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
  ];
}
