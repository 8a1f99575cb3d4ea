/**
 * The embedded sample knowledge base ("Northwind Outfitters", fictional, written for Cuecard):
 * what a new install searches before it is connected to a server, so `npm start` is useful at once.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import de from './de.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import id from './id.json';

interface SampleRecord {
  id: string;
  kind: string;
  title: string;
  body: string;
  tags: string[];
}

const BY_LOCALE: Record<string, SampleRecord[]> = { en, fr, es, de, id };
/** A fixed date keeps the sample's versions stable across installs. */
const SAMPLE_APPROVED_AT = '2026-11-01T09:00:00.000Z';

export function sampleKnowledgeBase(): KnowledgeEntry[] {
  return Object.entries(BY_LOCALE).flatMap(([locale, records]) =>
    records.map((record) => ({
      id: record.id,
      locale,
      kind: record.kind === 'template' ? 'template' : 'article',
      title: record.title,
      body: record.body,
      tags: record.tags,
      urlOrPath: null,
      version: 1,
      updatedAt: SAMPLE_APPROVED_AT,
      approvedBy: 'Northwind support leads',
      approvedAt: SAMPLE_APPROVED_AT,
      reviewState: 'approved' as const,
    })),
  );
}

/** Takes the sample out once a real server is configured, so fictional answers never mix with real ones. */
export async function removeSampleKnowledgeBase(store: {
  applyAtomically(upserts: [], removals: Array<{ id: string; locale: string }>): Promise<void>;
  get(id: string, locale: string): Promise<KnowledgeEntry | null>;
}): Promise<void> {
  const removals: Array<{ id: string; locale: string }> = [];
  for (const entry of sampleKnowledgeBase()) {
    const stored = await store.get(entry.id, entry.locale);
    // Only entries still exactly as seeded: a server may publish under the same id.
    if (stored && stored.approvedBy === entry.approvedBy && stored.version === entry.version && stored.body === entry.body) {
      removals.push({ id: entry.id, locale: entry.locale });
    }
  }
  if (removals.length > 0) await store.applyAtomically([], removals);
}
