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
