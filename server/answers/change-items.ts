/**
 * A change-log item (the JSON agents sync) as the answer index applies it: one rule for the
 * server's index and its ranking thread (ranking-worker.ts), which reads the same items.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import type { EntryChange } from '../../common/search/types';

interface StoredItem {
  op: string;
  id?: string;
  locale?: string;
  entry?: KnowledgeEntry;
}

/** The change an item makes; tombstones (repaired changes) apply as nothing (null). */
export function changeOf(item: string): EntryChange | null {
  const parsed = JSON.parse(item) as StoredItem;
  if (parsed.op === 'upsert' && parsed.entry) return { type: 'upsert', entry: parsed.entry };
  if (parsed.op === 'remove' && parsed.id !== undefined && parsed.locale !== undefined) return { type: 'remove', id: parsed.id, locale: parsed.locale };
  return null;
}

/** The changes of some items, tombstones left out. */
export function changesOf(items: readonly string[]): EntryChange[] {
  return items.map(changeOf).filter((c): c is EntryChange => c !== null);
}

/** The entries some items upsert (a full load holds nothing else). */
export function entriesOf(changes: readonly EntryChange[]): KnowledgeEntry[] {
  return changes.flatMap((c) => (c.type === 'upsert' ? [c.entry] : []));
}
