/**
 * The local copy of the knowledge base. Writes are batched into one transaction each, bump
 * the content version (which the persisted search index is keyed to) and, after commit,
 * tell listeners what changed so the search index is updated incrementally.
 */
import { entryKey, type KnowledgeEntry } from '../../common/knowledge';
import type { EntryChange } from '../../common/search/types';
import type { Database } from './database';
import type { SqlWriter } from './prepared-statements';
import { EntryEntity, MetaEntity, type EntryRow } from './entities';

/** SQLite allows 32766 bound variables; 16 columns a row keeps a batch well under it. */
const INSERT_BATCH = 500;

export type ChangeListener = (changes: readonly EntryChange[]) => void;

const CONTENT_VERSION_KEY = 'content_version';

export class KnowledgeStore {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly db: Database) {}

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async count(): Promise<number> {
    return this.db.reader.getRepository(EntryEntity).count();
  }

  async all(): Promise<KnowledgeEntry[]> {
    const rows = await this.db.reader.getRepository(EntryEntity).find();
    return rows.map(toEntry);
  }

  async get(id: string, locale: string): Promise<KnowledgeEntry | null> {
    const row = await this.db.reader.getRepository(EntryEntity).findOneBy({ id, locale });
    return row ? toEntry(row) : null;
  }

  async locales(): Promise<string[]> {
    const rows = (await this.db.reader.query(
      'SELECT DISTINCT locale FROM entries ORDER BY locale',
    )) as Array<{ locale: string }>;
    return rows.map((r) => r.locale);
  }

  async contentVersion(): Promise<number> {
    const row = await this.db.reader.getRepository(MetaEntity).findOneBy({ key: CONTENT_VERSION_KEY });
    return row ? Number(row.value) : 0;
  }

  /** Inserts or replaces entries in one transaction. */
  async upsertMany(entries: readonly KnowledgeEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const changes = await this.db.writeSql((sql) => this.applyInTransaction(sql, entries, [], {}));
    this.emit(changes);
  }

  async remove(id: string, locale: string): Promise<boolean> {
    const changes = await this.db.writeSql((sql) => this.applyInTransaction(sql, [], [{ id, locale }], {}));
    this.emit(changes);
    return changes.length > 0;
  }

  /**
   * For callers that must commit meta values with the entries (a sync page and its cursor):
   * both land in one transaction, then the entry changes are announced. Meta values are
   * stored as JSON text, like KeyValueStore's.
   */
  async applyAtomically(
    upserts: readonly KnowledgeEntry[],
    removals: ReadonlyArray<{ id: string; locale: string }>,
    meta: Readonly<Record<string, unknown>> = {},
  ): Promise<void> {
    const changes = await this.db.writeSql((sql) => this.applyInTransaction(sql, upserts, removals, meta));
    this.emit(changes);
  }

  /** Starts a resync from scratch: empties the staging table and writes `meta`, in one transaction. */
  async clearStaging(meta: Readonly<Record<string, unknown>>): Promise<void> {
    await this.db.writeSql(async (sql) => {
      await sql.run('DELETE FROM staged_entries');
      await writeMeta(sql, meta, false);
    });
  }

  /**
   * A page of a resync from scratch: into the staging table with its position (`meta`), in one
   * transaction. `entries` and its listeners are untouched, so search keeps answering from the
   * old entries until swapInStaged().
   */
  async applyToStaging(
    upserts: readonly KnowledgeEntry[],
    removals: ReadonlyArray<{ id: string; locale: string }>,
    meta: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    await this.db.writeSql(async (sql) => {
      for (let i = 0; i < upserts.length; i += INSERT_BATCH) {
        const batch = upserts.slice(i, i + INSERT_BATCH);
        await sql.run(upsertSql(batch.length, 'staged_entries'), batch.flatMap(rowValues));
      }
      if (removals.length > 0) await sql.all(removeSql('staged_entries'), [keysJson(removals)]);
      await writeMeta(sql, meta, false);
    });
  }

  /**
   * Ends a resync from scratch in one transaction: `entries` becomes exactly the staged entries
   * (those not staged are removed), the staging table is emptied and `meta` (the new position)
   * written. Then listeners hear every removal and every staged entry.
   */
  async swapInStaged(meta: Readonly<Record<string, unknown>>): Promise<void> {
    const notStaged = 'FROM entries WHERE (id, locale) NOT IN (SELECT id, locale FROM staged_entries)';
    const columns = ENTRY_COLUMNS.join(', ');
    const updates = ENTRY_COLUMNS.filter((c) => c !== 'id' && c !== 'locale').map((c) => `${c} = excluded.${c}`);
    const changes = await this.db.writeSql(async (sql) => {
      const gone = (await sql.all(`SELECT id, locale ${notStaged}`)) as Array<{ id: string; locale: string }>;
      const staged = (await sql.all(`SELECT ${columns} FROM staged_entries`)) as RawEntryRow[];
      await sql.run(`DELETE ${notStaged}`);
      // `WHERE true` tells SQLite's parser the ON CONFLICT belongs to the INSERT, not a join.
      await sql.run(
        `INSERT INTO entries (${columns}) SELECT ${columns} FROM staged_entries WHERE true ` +
          `ON CONFLICT (id, locale) DO UPDATE SET ${updates.join(', ')}`,
      );
      await sql.run('DELETE FROM staged_entries');
      await writeMeta(sql, meta, true);
      return [
        ...gone.map(({ id, locale }): EntryChange => ({ type: 'remove', id, locale })),
        ...staged.map((row): EntryChange => ({ type: 'upsert', entry: rawToEntry(row) })),
      ];
    });
    this.emit(changes);
  }

  /** The stored version of each given (id, locale) that is stored, keyed by entryKey(). */
  async versionsOf(keys: ReadonlyArray<{ id: string; locale: string }>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const wanted = new Set(keys.map((k) => entryKey(k.id, k.locale)));
    const ids = [...new Set(keys.map((k) => k.id))];
    for (let i = 0; i < ids.length; i += INSERT_BATCH) {
      const chunk = ids.slice(i, i + INSERT_BATCH);
      const rows = (await this.db.reader.query(
        `SELECT id, locale, version FROM entries WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      )) as Array<{ id: string; locale: string; version: number }>;
      for (const row of rows) {
        const key = entryKey(row.id, row.locale);
        if (wanted.has(key)) out.set(key, Number(row.version));
      }
    }
    return out;
  }

  /**
   * Moves stored entries that are refused now (issue #15: a revoked key, a change in this DB) into
   * `refused_entries` with the reason, in one transaction: out of `entries` and search, not deleted.
   */
  async quarantine(refused: ReadonlyArray<{ entry: KnowledgeEntry; reason: string }>, at: string): Promise<void> {
    if (refused.length === 0) return;
    const changes = await this.db.writeSql(async (sql) => {
      const out: EntryChange[] = [];
      for (const { entry, reason } of refused) {
        await sql.run(
          'INSERT INTO refused_entries (id, locale, version, reason, refused_at, entry) VALUES (?, ?, ?, ?, ?, ?) ' +
            'ON CONFLICT (id, locale) DO UPDATE SET version = excluded.version, reason = excluded.reason, refused_at = excluded.refused_at, entry = excluded.entry',
          [entry.id, entry.locale, entry.version, reason, at, JSON.stringify(entry)],
        );
        if ((await sql.run('DELETE FROM entries WHERE id = ? AND locale = ?', [entry.id, entry.locale])) > 0) {
          out.push({ type: 'remove', id: entry.id, locale: entry.locale });
        }
      }
      await writeMeta(sql, {}, out.length > 0);
      return out;
    });
    this.emit(changes);
  }

  /** Entries moved aside by quarantine(), with their reasons. */
  async refused(): Promise<Array<{ id: string; locale: string; version: number; reason: string; refusedAt: string }>> {
    const rows = (await this.db.reader.query('SELECT id, locale, version, reason, refused_at FROM refused_entries ORDER BY locale, id')) as Array<{
      id: string;
      locale: string;
      version: number;
      reason: string;
      refused_at: string;
    }>;
    return rows.map((r) => ({ id: r.id, locale: r.locale, version: Number(r.version), reason: r.reason, refusedAt: r.refused_at }));
  }

  private async applyInTransaction(
    sql: SqlWriter,
    upserts: readonly KnowledgeEntry[],
    removals: ReadonlyArray<{ id: string; locale: string }>,
    meta: Readonly<Record<string, unknown>>,
  ): Promise<EntryChange[]> {
    const changes: EntryChange[] = upserts.map((entry) => ({ type: 'upsert', entry }));
    for (let i = 0; i < upserts.length; i += INSERT_BATCH) {
      const batch = upserts.slice(i, i + INSERT_BATCH);
      await sql.run(upsertSql(batch.length), batch.flatMap(rowValues));
    }
    if (removals.length > 0) {
      const removed = (await sql.all(removeSql('entries'), [keysJson(removals)])) as Array<{ id: string; locale: string }>;
      for (const { id, locale } of removed) changes.push({ type: 'remove', id, locale });
    }
    await writeMeta(sql, meta, changes.length > 0);
    return changes;
  }

  private emit(changes: readonly EntryChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }
}

/**
 * The meta values and, when entries changed, the content-version bump, in one statement: a sync
 * page costs a statement less (each is a round trip to SQLite's thread). In an upsert's DO UPDATE
 * a bare column is the stored row's, `excluded.` the proposed one.
 */
async function writeMeta(sql: SqlWriter, meta: Readonly<Record<string, unknown>>, bumpVersion: boolean): Promise<void> {
  const pairs = Object.entries(meta).filter(([key]) => key !== CONTENT_VERSION_KEY);
  if (pairs.length === 0 && !bumpVersion) return;
  const params = pairs.flatMap(([key, value]) => [key, JSON.stringify(value)]);
  if (bumpVersion) params.push(CONTENT_VERSION_KEY, '1');
  await sql.run(
    `INSERT INTO meta (key, value) VALUES ${Array.from({ length: params.length / 2 }, () => '(?, ?)').join(', ')}
     ON CONFLICT (key) DO UPDATE SET value = CASE WHEN key = '${CONTENT_VERSION_KEY}'
       THEN CAST(CAST(value AS INTEGER) + 1 AS TEXT) ELSE excluded.value END`,
    params,
  );
}

/**
 * Plain SQL rather than TypeORM's insert builder: a sync page is applied on every poke, and the
 * builder's parameter rewriting and post-insert bookkeeping cost more than the write itself.
 * The column order here and in rowValues() must match; `tags` is JSON as the entity's simple-json.
 */
const ENTRY_COLUMNS = [
  'id', 'locale', 'kind', 'title', 'body', 'tags', 'url_or_path', 'version',
  'updated_at', 'approved_by', 'approved_at', 'review_state',
  'verification_due_at', 'stale_translation', 'source_locale', 'signatures',
] as const;

function upsertSql(rows: number, table: 'entries' | 'staged_entries' = 'entries'): string {
  const row = `(${ENTRY_COLUMNS.map(() => '?').join(', ')})`;
  const updates = ENTRY_COLUMNS.filter((c) => c !== 'id' && c !== 'locale').map((c) => `${c} = excluded.${c}`);
  return (
    `INSERT INTO ${table} (${ENTRY_COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')} ` +
    `ON CONFLICT (id, locale) DO UPDATE SET ${updates.join(', ')}`
  );
}

/**
 * Removes the keys given as one bound JSON array of [id, locale] (read by json_each) and answers
 * the rows it removed: one statement for a page's removals instead of one each (2000 removals:
 * 40–110 ms against 190–990 ms on the loaded test machine). Upserts stay bound row by row: the
 * same JSON route for them cost ~50% more CPU (JSON.stringify plus SQLite's JSON parse, measured
 * with 4 pages of 5000), so it was not taken.
 */
/** Removes the keys given as one JSON array of [id, locale] and answers the rows it removed. */
function removeSql(table: 'entries' | 'staged_entries'): string {
  return `DELETE FROM ${table} WHERE (id, locale) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?)) RETURNING id, locale`;
}

const keysJson = (keys: ReadonlyArray<{ id: string; locale: string }>) => JSON.stringify(keys.map((k) => [k.id, k.locale]));

function rowValues(entry: KnowledgeEntry): unknown[] {
  return [
    entry.id, entry.locale, entry.kind, entry.title, entry.body, JSON.stringify(entry.tags), entry.urlOrPath,
    entry.version, entry.updatedAt, entry.approvedBy, entry.approvedAt, entry.reviewState,
    entry.verificationDueAt ?? null, entry.staleTranslation ? 1 : 0, entry.sourceLocale ?? null,
    entry.signatures ? JSON.stringify(entry.signatures) : null,
  ];
}

/** A row as plain SQL returns it: snake_case columns, tags as JSON text. */
interface RawEntryRow {
  id: string;
  locale: string;
  kind: KnowledgeEntry['kind'];
  title: string;
  body: string;
  tags: string;
  url_or_path: string | null;
  version: number;
  updated_at: string;
  approved_by: string | null;
  approved_at: string | null;
  review_state: string;
  verification_due_at: string | null;
  stale_translation: number;
  source_locale: string | null;
  signatures: string | null;
}

function rawToEntry(row: RawEntryRow): KnowledgeEntry {
  let tags: unknown;
  try {
    tags = JSON.parse(row.tags);
  } catch {
    tags = [];
  }
  return toEntry({
    id: row.id,
    locale: row.locale,
    kind: row.kind,
    title: row.title,
    body: row.body,
    tags: Array.isArray(tags) ? (tags as string[]) : [],
    urlOrPath: row.url_or_path,
    version: row.version,
    updatedAt: row.updated_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    reviewState: row.review_state,
    verificationDueAt: row.verification_due_at,
    staleTranslation: row.stale_translation,
    sourceLocale: row.source_locale,
    signatures: row.signatures,
  } as EntryRow);
}

function toEntry(row: EntryRow): KnowledgeEntry {
  return {
    id: row.id,
    locale: row.locale,
    kind: row.kind,
    title: row.title,
    body: row.body,
    tags: Array.isArray(row.tags) ? row.tags : [],
    urlOrPath: row.urlOrPath ?? null,
    version: Number(row.version),
    updatedAt: row.updatedAt,
    approvedBy: row.approvedBy ?? null,
    approvedAt: row.approvedAt ?? null,
    reviewState: row.reviewState === 'needs_review' ? 'needs_review' : 'approved',
    // Only set when the server sent them, so an entry reads back as it was written.
    ...(row.verificationDueAt ? { verificationDueAt: row.verificationDueAt } : {}),
    ...(Number(row.staleTranslation) === 1 ? { staleTranslation: true } : {}),
    ...(row.sourceLocale ? { sourceLocale: row.sourceLocale } : {}),
    ...(row.signatures ? { signatures: parseSignatures(row.signatures) } : {}),
  };
}

/** Stored signatures as JSON text; anything unreadable reads as none (the verifier then says *unsigned*). */
function parseSignatures(text: string): KnowledgeEntry['signatures'] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as KnowledgeEntry['signatures']) : [];
  } catch {
    return [];
  }
}
