/**
 * The bounded usage signal: entries this agent inserted often and recently get a ranking
 * multiplier of at most 1 + MAX_USAGE_BOOST, so habit can reorder near-equal text matches
 * but never lift an entry above a clearly better one. Frequency saturates (log scale) and
 * recency decays with a half-life (constants in ranking-params.ts). Counted per entry id: inserting the French variant also
 * says the English one is the right answer.
 */
import { MAX_USAGE_BOOST, USAGE_HALF_LIFE_DAYS, USAGE_SATURATION_COUNT } from './ranking-params';
import type { UsageSignal } from './types';

const DAY_MS = 86_400_000;

/** One entry's use count as the app's usage store keeps it. */
export interface UsageRecord {
  id: string;
  locale: string;
  count: number;
  lastUsedAt: string;
}

interface Use {
  count: number;
  lastUsedMs: number;
  locale: string;
}

export class UsageBoost implements UsageSignal {
  private readonly uses = new Map<string, Use>();

  constructor(
    records: readonly UsageRecord[] = [],
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const r of records) this.add(r.id, r.locale, r.count, Date.parse(r.lastUsedAt));
  }

  /** Call after each insert (the caller persists it through UsageStore.record). */
  record(id: string, locale: string): void {
    this.add(id, locale, 1, this.now().getTime());
  }

  boost(id: string, _locale?: string): number {
    const use = this.uses.get(id);
    if (!use) return 0;
    const frequency = Math.min(1, Math.log2(1 + use.count) / Math.log2(1 + USAGE_SATURATION_COUNT));
    const ageDays = Math.max(0, this.now().getTime() - use.lastUsedMs) / DAY_MS;
    return MAX_USAGE_BOOST * frequency * 0.5 ** (ageDays / USAGE_HALF_LIFE_DAYS);
  }

  top(limit: number): Array<{ id: string; locale: string }> {
    return [...this.uses.entries()]
      .map(([id, use]) => ({ id, locale: use.locale, boost: this.boost(id) }))
      .sort((a, b) => b.boost - a.boost)
      .slice(0, limit)
      .map(({ id, locale }) => ({ id, locale }));
  }

  private add(id: string, locale: string, count: number, atMs: number): void {
    const prior = this.uses.get(id);
    const at = Number.isFinite(atMs) ? atMs : 0;
    if (!prior) this.uses.set(id, { count, lastUsedMs: at, locale });
    else {
      prior.count += count;
      if (at >= prior.lastUsedMs) {
        prior.lastUsedMs = at;
        prior.locale = locale;
      }
    }
  }
}
