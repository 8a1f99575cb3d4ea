/**
 * The local copy of the knowledge base. Writes are batched into one transaction each, bump
 * the content version (which the persisted search index is keyed to) and, after commit,
 * tell listeners what changed so the search index is updated incrementally.
 */
import type { EntityManager } from 'typeorm';
import type { KnowledgeEntry } from '../../common/knowledge';
import type { Database } from './database';
import { EntryEntity, MetaEntity, type EntryRow } from './entities';

export type EntryChange =
  | { type: 'upsert'; entry: KnowledgeEntry }
  | { type: 'remove'; id: string; locale: string };
export type ChangeListener = (changes: readonly EntryChange[]) => void;

/** SQLite allows 32766 bound variables; 12 columns a row keeps a batch well under it. */
const INSERT_BATCH = 500;
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

  async variants(id: string): Promise<KnowledgeEntry[]> {
    const rows = await this.db.reader.getRepository(EntryEntity).findBy({ id });
    return rows.map(toEntry);
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
    const changes = await this.db.write((tx) => this.applyInTransaction(tx, entries, []));
    this.emit(changes);
  }

  async remove(id: string, locale: string): Promise<boolean> {
    const changes = await this.db.write((tx) => this.applyInTransaction(tx, [], [{ id, locale }]));
    this.emit(changes);
    return changes.length > 0;
  }

  /**
   * For callers that must commit more than entries in the same transaction (a sync page and
   * its cursor): run `extra` inside the write, then announce the entry changes after commit.
   */
  async applyAtomically<T>(
    upserts: readonly KnowledgeEntry[],
    removals: ReadonlyArray<{ id: string; locale: string }>,
    extra: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    const { changes, result } = await this.db.write(async (tx) => {
      const applied = await this.applyInTransaction(tx, upserts, removals);
      return { changes: applied, result: await extra(tx) };
    });
    this.emit(changes);
    return result;
  }

  private async applyInTransaction(
    tx: EntityManager,
    upserts: readonly KnowledgeEntry[],
    removals: ReadonlyArray<{ id: string; locale: string }>,
  ): Promise<EntryChange[]> {
    const changes: EntryChange[] = [];
    for (let i = 0; i < upserts.length; i += INSERT_BATCH) {
      const batch = upserts.slice(i, i + INSERT_BATCH);
      await tx
        .createQueryBuilder()
        .insert()
        .into(EntryEntity)
        .values(batch.map(toRow))
        .orUpdate(
          ['kind', 'title', 'body', 'tags', 'url_or_path', 'version', 'updated_at', 'approved_by', 'approved_at', 'review_state'],
          ['id', 'locale'],
        )
        .execute();
      for (const entry of batch) changes.push({ type: 'upsert', entry });
    }
    for (const { id, locale } of removals) {
      const result = await tx.getRepository(EntryEntity).delete({ id, locale });
      if ((result.affected ?? 0) > 0) changes.push({ type: 'remove', id, locale });
    }
    if (changes.length > 0) {
      await tx.query(
        `UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = ?`,
        [CONTENT_VERSION_KEY],
      );
    }
    return changes;
  }

  private emit(changes: readonly EntryChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }
}

function toRow(entry: KnowledgeEntry): EntryRow {
  return { ...entry };
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
  };
}
