/**
 * TypeORM entity schemas. EntitySchema (not decorators) so no decorator metadata has to
 * survive the bundler, and tsx/vitest/electron-vite all see the same definitions.
 */
import { EntitySchema } from 'typeorm';
import type { KnowledgeEntry } from '../../common/knowledge';
import { entryContentColumns } from '../../common/entry-columns';

/** A row of `entries`: a knowledge entry, column for field (SQLite keeps the stale mark as 0/1). */
export type EntryRow = Omit<Required<KnowledgeEntry>, 'staleTranslation' | 'signatures'> & { staleTranslation: number; signatures: string | null };

export const EntryEntity = new EntitySchema<EntryRow>({
  name: 'Entry',
  tableName: 'entries',
  columns: {
    ...entryContentColumns({ tags: 'simple-json', reviewStateDefault: 'approved' }),
    verificationDueAt: { type: 'text', nullable: true },
    staleTranslation: { type: 'integer', default: 0 },
    sourceLocale: { type: 'text', nullable: true },
    /** JSON text, read by the store (a damaged value reads as no signatures, not as an error). */
    signatures: { type: 'text', nullable: true },
  },
});

export interface SettingRow {
  key: string;
  value: string;
}
export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'settings',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
  },
});

/** Per-agent usage of entries, the bounded usage signal for ranking and the "recent" list. */
export interface UsageRow {
  id: string;
  locale: string;
  count: number;
  lastUsedAt: string;
}
export const UsageEntity = new EntitySchema<UsageRow>({
  name: 'Usage',
  tableName: 'usage',
  columns: {
    id: { type: 'text', primary: true },
    locale: { type: 'text', primary: true },
    count: { type: 'integer' },
    lastUsedAt: { type: 'text' },
  },
});

/** Key/value facts about the DB itself (content version, sync cursor per server). */
export interface MetaRow {
  key: string;
  value: string;
}
export const MetaEntity = new EntitySchema<MetaRow>({
  name: 'Meta',
  tableName: 'meta',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
  },
});

export const ALL_ENTITIES = [EntryEntity, SettingEntity, UsageEntity, MetaEntity];
