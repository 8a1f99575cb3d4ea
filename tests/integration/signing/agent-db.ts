/** Reading and tampering with an agent's local DB directly, as malware or a curious user could. */
import sqlite3 from 'sqlite3';
import { databaseFile } from '../../../main/paths';

export async function agentSql<T = unknown>(dataDir: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new sqlite3.Database(databaseFile(dataDir));
  try {
    return await new Promise<T[]>((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** The reasons of the items the agent's sync skipped, by id (meta `sync.skipped`). */
export async function skippedReasons(dataDir: string): Promise<Record<string, string>> {
  const [row] = await agentSql<{ value: string }>(dataDir, "SELECT value FROM meta WHERE key = 'sync.skipped'");
  if (!row) return {};
  const state = JSON.parse(row.value) as { items: Array<{ id: string; locale: string; reason: string }> };
  return Object.fromEntries(state.items.map((item) => [`${item.id}/${item.locale}`, item.reason]));
}

/** (id/locale → version) of the agent's stored entries. */
export async function storedVersions(dataDir: string): Promise<Record<string, number>> {
  const rows = await agentSql<{ id: string; locale: string; version: number }>(dataDir, 'SELECT id, locale, version FROM entries ORDER BY id, locale');
  return Object.fromEntries(rows.map((r) => [`${r.id}/${r.locale}`, r.version]));
}

