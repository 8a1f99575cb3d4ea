/**
 * First search index: FlexSearch over title and body, filtered by locale chain and kind.
 * Issue #4 replaces the internals (ranking, typos, CJK, persistence) behind the same interface.
 */
import FlexSearch from 'flexsearch';
import type { SearchHit } from '../../common/ipc-contract';
import { entryKey, type KnowledgeEntry } from '../../common/knowledge';
import { localeChain } from '../../common/locale';
import type { EntryChange } from '../store/knowledge-store';
import type { KnowledgeIndex, SearchQuery } from './types';

export class SimpleIndex implements KnowledgeIndex {
  private entries = new Map<string, KnowledgeEntry>();
  private index = this.createIndex();

  private createIndex() {
    return new FlexSearch.Document({
      tokenize: 'forward',
      encoder: 'LatinBalance',
      document: { id: 'key', index: ['title', 'body'] },
    });
  }

  get size(): number {
    return this.entries.size;
  }

  build(entries: readonly KnowledgeEntry[]): void {
    this.entries = new Map();
    this.index = this.createIndex();
    for (const entry of entries) this.add(entry);
  }

  apply(changes: readonly EntryChange[]): void {
    for (const change of changes) {
      if (change.type === 'upsert') this.add(change.entry);
      else this.removeKey(entryKey(change.id, change.locale));
    }
  }

  get(id: string, locale: string): KnowledgeEntry | undefined {
    return this.entries.get(entryKey(id, locale));
  }

  search(q: SearchQuery): SearchHit[] {
    const chain = localeChain(q.locale, q.fallbackLocales);
    const limit = q.limit ?? 20;
    const fields = this.index.search(q.query, { limit: 500 }) as Array<{ field: string; result: string[] }>;
    const scores = new Map<string, number>();
    for (const { field, result } of fields) {
      result.forEach((key, rank) => {
        const weight = field === 'title' ? 2 : 1;
        scores.set(key, (scores.get(key) ?? 0) + weight / (rank + 1));
      });
    }
    const best = new Map<string, { entry: KnowledgeEntry; score: number; rank: number }>();
    for (const [key, score] of scores) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      const rank = chain.indexOf(entry.locale);
      if (rank < 0 || (q.kind && entry.kind !== q.kind)) continue;
      if (q.tags && !q.tags.every((t) => entry.tags.includes(t))) continue;
      const prior = best.get(entry.id);
      if (!prior || rank < prior.rank) best.set(entry.id, { entry, score, rank });
    }
    return [...best.values()]
      .sort((a, b) => a.rank - b.rank || b.score - a.score)
      .slice(0, limit)
      .map(({ entry, score, rank }) => ({
        id: entry.id,
        locale: entry.locale,
        kind: entry.kind,
        title: entry.title,
        snippet: entry.body.slice(0, 160),
        titleHighlights: [],
        snippetHighlights: [],
        score,
        tags: entry.tags,
        fallback: rank > 0,
        approvedBy: entry.approvedBy,
        approvedAt: entry.approvedAt,
        reviewState: entry.reviewState,
      }));
  }

  private add(entry: KnowledgeEntry): void {
    const key = entryKey(entry.id, entry.locale);
    if (this.entries.has(key)) this.index.remove(key);
    this.entries.set(key, entry);
    this.index.add({ key, title: entry.title, body: entry.body });
  }

  private removeKey(key: string): void {
    if (!this.entries.delete(key)) return;
    this.index.remove(key);
  }
}
