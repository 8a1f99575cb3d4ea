/**
 * The docs a query's tags admit, per partition, kept until the next write: a bot's `public`
 * filter over 100,000 entries admits 100,000 docs, too dear to rebuild on every query. Kept as
 * one byte per doc: asked once per touched doc, a Set's hashed lookups were ~20% of a bot
 * question's ranking (525 vs 417 µs a query with and without the filter, 100,000 entries).
 */
import { KIND_CODES } from './doc-table';
import type { Partition } from './partition';
import type { DocFilter } from './scorer';
import type { SearchQuery } from './types';

export class TagFilters {
  private readonly cache = new Map<string, Uint8Array>();

  /** Forgets every filter (after any write to the index). */
  clear(): void {
    this.cache.clear();
  }

  filterFor(p: Partition, q: SearchQuery): DocFilter {
    const all = q.tags ?? [];
    const any = q.anyTags ?? [];
    let allowed: Uint8Array | null = null;
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

/** Docs of `p` carrying every tag of `all` and at least one of `any` (when given): 1 per admitted doc. */
function tagFilter(p: Partition, all: readonly string[], any: readonly string[]): Uint8Array {
  const capacity = p.docs.capacity;
  const admitted = new Uint8Array(capacity);
  if (any.length > 0) {
    for (const tag of any) for (const d of p.docs.docsWithTag(tag)) admitted[d] = 1;
  } else admitted.fill(1);
  for (const tag of new Set(all)) {
    const carries = new Uint8Array(capacity);
    for (const d of p.docs.docsWithTag(tag)) carries[d] = 1;
    for (let d = 0; d < capacity; d += 1) admitted[d] = (admitted[d] as number) & (carries[d] as number);
  }
  return admitted;
}
