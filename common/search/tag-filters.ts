/**
 * The docs a query's tags admit, per partition, kept until the next write: a bot's `public`
 * filter over 100,000 entries is a 100,000-member set, too dear to rebuild on every query.
 */
import { KIND_CODES } from './doc-table';
import type { Partition } from './partition';
import type { DocFilter } from './scorer';
import type { SearchQuery } from './types';

export class TagFilters {
  private readonly cache = new Map<string, Set<number>>();

  /** Forgets every filter (after any write to the index). */
  clear(): void {
    this.cache.clear();
  }

  filterFor(p: Partition, q: SearchQuery): DocFilter {
    const all = q.tags ?? [];
    const any = q.anyTags ?? [];
    let allowed: Set<number> | null = null;
    if (all.length > 0 || any.length > 0) {
      const key = JSON.stringify([p.locale, all, any]);
      allowed = this.cache.get(key) ?? null;
      if (!allowed) {
        allowed = tagFilter(p, all, any);
        this.cache.set(key, allowed);
      }
    }
    return { kind: q.kind ? KIND_CODES[q.kind] : 0, allowed };
  }
}

/** Docs of `p` carrying every tag of `all` and at least one of `any` (when given). */
function tagFilter(p: Partition, all: readonly string[], any: readonly string[]): Set<number> {
  let docs: Set<number> | null = null;
  if (any.length > 0) {
    docs = new Set<number>();
    for (const tag of any) for (const d of p.docs.docsWithTag(tag)) docs.add(d);
  }
  for (const tag of all) {
    const withTag = new Set<number>(p.docs.docsWithTag(tag));
    docs = docs === null ? withTag : new Set([...docs].filter((d) => withTag.has(d)));
  }
  return docs ?? new Set();
}
