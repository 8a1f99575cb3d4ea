/** The empty-query list: the agent's recent and most used entries, best first, one per id. */
import type { SearchHit } from '../../common/ipc-contract';
import type { EntryKind, KnowledgeEntry } from '../../common/knowledge';
import { localeChain } from '../../common/locale';
import type { UsageRecord } from '../store/usage-store';

const HALF_LIFE_DAYS = 7;

/** Frequency with a recency half-life: yesterday's favourite beats last quarter's. */
export function usageScore(record: UsageRecord, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - Date.parse(record.lastUsedAt)) / 86_400_000);
  return Math.log2(1 + record.count) * Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
}

export function recentEntries(
  usage: readonly UsageRecord[],
  lookup: (id: string, locale: string) => KnowledgeEntry | undefined,
  options: { locale: string; fallbackLocales: readonly string[]; kind?: EntryKind; limit: number; now: Date },
): SearchHit[] {
  const chain = localeChain(options.locale, options.fallbackLocales);
  const scoreById = new Map<string, number>();
  for (const record of usage) {
    scoreById.set(record.id, (scoreById.get(record.id) ?? 0) + usageScore(record, options.now));
  }
  const hits: SearchHit[] = [];
  for (const [id, score] of [...scoreById].sort((a, b) => b[1] - a[1])) {
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
