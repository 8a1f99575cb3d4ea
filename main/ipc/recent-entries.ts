/** The empty-query list: the agent's recent and most used entries, best first, one per id. */
import type { SearchHit } from '../../common/ipc-contract';
import type { EntryKind, KnowledgeEntry } from '../../common/knowledge';
import { localeChain } from '../../common/locale';

/**
 * @param rankedIds entry ids, most used (frequency with recency decay) first — the usage signal's order.
 */
export function recentEntries(
  rankedIds: readonly string[],
  lookup: (id: string, locale: string) => KnowledgeEntry | undefined,
  options: { locale: string; fallbackLocales: readonly string[]; kind?: EntryKind; limit: number },
): SearchHit[] {
  const chain = localeChain(options.locale, options.fallbackLocales);
  const hits: SearchHit[] = [];
  for (const [rank, id] of rankedIds.entries()) {
    const score = rankedIds.length - rank;
    const localeIndex = chain.findIndex((l) => lookup(id, l) !== undefined);
    const entry = localeIndex >= 0 ? lookup(id, chain[localeIndex]!) : undefined;
    if (!entry || (options.kind && entry.kind !== options.kind)) continue;
    hits.push({
      id: entry.id,
      locale: entry.locale,
      kind: entry.kind,
      title: entry.title,
      snippet: entry.body.slice(0, 160),
      titleHighlights: [],
      snippetHighlights: [],
      score,
      tags: entry.tags,
      fallback: localeIndex > 0,
      approvedBy: entry.approvedBy,
      approvedAt: entry.approvedAt,
      reviewState: entry.reviewState,
    });
    if (hits.length >= options.limit) break;
  }
  return hits;
}
