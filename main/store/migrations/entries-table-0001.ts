/**
 * The entry table as migration 0001 created `entries` and 0002 created its staging copy
 * `staged_entries` (the same columns, so a resync's rows swap in as they are). Frozen with those
 * two migrations: the SQL text is what they ran, and editing it would change what a new install
 * gets without a migration. Later column changes are new migrations applied to both tables (0003, 0004).
 */
export function entriesTable0001Sql(table: 'entries' | 'staged_entries'): string {
  return `CREATE TABLE ${table} (
      id TEXT NOT NULL,
      locale TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('template', 'article')),
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      tags TEXT NOT NULL DEFAULT '[]',
      url_or_path TEXT,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      approved_by TEXT,
      approved_at TEXT,
      review_state TEXT NOT NULL DEFAULT 'approved',
      PRIMARY KEY (id, locale)
    )`;
}
