/**
 * Which database a server command uses, in words an operator can act on: printed at start
 * (`token create` and the server name it, so a token made in one folder and a server started on
 * another is visible at once) and put in front of a connection error. Never shows the password.
 */
import path from 'node:path';
import { SQLITE_FILE_NAME, type DbTarget } from './server-db';

export function describeDbTarget(target: DbTarget): string {
  const url = target.databaseUrl?.trim();
  if (!url) return `SQLite database ${path.resolve(target.dataDir, SQLITE_FILE_NAME)}`;
  return `PostgreSQL at ${postgresAddress(url)}`;
}

/** `host:port/database` of a postgres:// URL (defaults as libpq has them), or a placeholder. */
function postgresAddress(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${database ? `/${database}` : ''}`;
  } catch {
    return '(DATABASE_URL is not a URL)';
  }
}

// Network failures (Node's errno codes) and PostgreSQL's connection and authorisation classes
// (SQLSTATE 08…, 28…, 3D000 "database does not exist"), and SQLite failing to open its file.
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EACCES', 'EROFS', 'ENOTDIR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_NOTADB', '3D000']);

/** Whether `error` means the database could not be reached or opened (rather than a later failure). */
export function isConnectError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof AggregateError && error.errors.some(isConnectError);
  return CONNECT_CODES.has(code) || /^(08|28)[0-9A-Z]{3}$/.test(code);
}

/** `cannot connect to PostgreSQL at db:5432/cuecard: connect ECONNREFUSED …`. */
export function connectErrorMessage(target: DbTarget, error: unknown): string {
  const reason = error instanceof AggregateError && error.errors.length > 0 ? error.errors.map(String).join('; ') : (error as Error).message;
  const what = describeDbTarget(target);
  return target.databaseUrl?.trim() ? `cannot connect to ${what}: ${reason}` : `cannot open ${what}: ${reason}`;
}
