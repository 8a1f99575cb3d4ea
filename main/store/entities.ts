/**
 * TypeORM entity schemas. EntitySchema (not decorators) so no decorator metadata has to
 * survive the bundler, and tsx/vitest/electron-vite all see the same definitions.
 */
import { entity, integers, optionalTexts, primaryKey, texts } from '../../common/entity-kit';
import type { KnowledgeEntry } from '../../common/knowledge';
import { entryContentColumns } from '../../common/entry-columns';

/** A row of `entries`: a knowledge entry, column for field (SQLite keeps the stale mark as 0/1). */
export type EntryRow = Omit<Required<KnowledgeEntry>, 'staleTranslation' | 'signatures'> & { staleTranslation: number; signatures: string | null };

export const EntryEntity = entity<EntryRow>('Entry', 'entries', {
  ...entryContentColumns({ tags: 'simple-json', reviewStateDefault: 'approved' }),
  ...optionalTexts('verificationDueAt'),
  staleTranslation: { type: 'integer', default: 0 },
  // signatures: JSON text, read by the store (a damaged value reads as no signatures, not as an error).
  ...optionalTexts('sourceLocale', 'signatures'),
});

/** The two key/value tables (settings, meta): a text key and its text value. */
const keyValueColumns = () => ({ ...primaryKey(texts('key')), ...texts('value') });

export interface SettingRow {
  key: string;
  value: string;
}
export const SettingEntity = entity<SettingRow>('Setting', 'settings', keyValueColumns());

/** Per-agent usage of entries, the bounded usage signal for ranking and the "recent" list. */
export interface UsageRow {
  id: string;
  locale: string;
  count: number;
  lastUsedAt: string;
}
export const UsageEntity = entity<UsageRow>('Usage', 'usage', { ...primaryKey(texts('id', 'locale')), ...integers('count'), ...texts('lastUsedAt') });

/** Key/value facts about the DB itself (content version, sync cursor per server). */
export interface MetaRow {
  key: string;
  value: string;
}
export const MetaEntity = entity<MetaRow>('Meta', 'meta', keyValueColumns());

export const ALL_ENTITIES = [EntryEntity, SettingEntity, UsageEntity, MetaEntity];
