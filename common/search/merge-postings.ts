/**
 * Merging a partition's two posting layers into one frozen layer (part of Partition's storage;
 * nothing else reads these arrays). Terms come out sorted, so a term's id is its rank and exact
 * and prefix lookups are binary searches; dead terms (df 0) and zeroed postings are dropped.
 */
import type { FreshPostings } from './fresh-postings';

export type CompactionNeed = 'none' | 'idle' | 'now';

/**
 * Prefix and typo lookups scan fresh terms one by one, so a fresh layer that keeps growing (a
 * first sync is all incremental) slows every keystroke. Past SOFT new terms (or 1/16 of the
 * frozen vocabulary) a merge is due when idle; past HARD (or half of it: geometric) at once.
 */
const FRESH_TERMS_SOFT = 256;
const FRESH_TERMS_HARD = 20_000;

export function compactionNeed(freshTerms: number, frozenTerms: number): CompactionNeed {
  if (freshTerms >= Math.max(FRESH_TERMS_HARD, frozenTerms / 2)) return 'now';
  // A merge rewrites the whole partition: a big one waits for proportionally more new terms.
  return freshTerms >= Math.max(FRESH_TERMS_SOFT, frozenTerms / 16) ? 'idle' : 'none';
}

/** The frozen layer: terms sorted, postings in one CSR array (docs sorted per term). */
export interface FrozenPostings {
  terms: string[];
  df: Int32Array;
  offsets: Int32Array;
  pdocs: Int32Array;
  pvals: Uint16Array;
}

/** Both layers as Partition holds them: frozen terms first in `terms`, fresh ones after. */
export interface PostingLayers extends FrozenPostings {
  frozenCount: number;
  freshTermIds: ReadonlyMap<string, number>;
  fresh: FreshPostings;
}

export function hasDeadPostings(l: PostingLayers): boolean {
  for (let id = 0; id < l.frozenCount; id += 1) {
    if ((l.df[id] as number) !== (l.offsets[id + 1] as number) - (l.offsets[id] as number)) return true;
  }
  return false;
}

/** Live term ids in term order: the frozen ones are sorted already, the fresh ones are sorted and merged in. */
function aliveInOrder(l: PostingLayers): Int32Array {
  const freshTerms: string[] = [];
  for (const [t, id] of l.freshTermIds) if ((l.df[id] as number) > 0) freshTerms.push(t);
  freshTerms.sort(); // default sort: UTF-16 code unit order, the same as `<` in Partition.termId()
  const alive = new Int32Array(l.frozenCount + freshTerms.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < l.frozenCount; i += 1) {
    if ((l.df[i] as number) <= 0) continue;
    const t = l.terms[i] as string;
    while (j < freshTerms.length && (freshTerms[j] as string) < t) alive[n++] = l.freshTermIds.get(freshTerms[j++] as string) as number;
    alive[n++] = i;
  }
  while (j < freshTerms.length) alive[n++] = l.freshTermIds.get(freshTerms[j++] as string) as number;
  return alive.subarray(0, n);
}

/** The merged frozen layer; `l` is left as it was (the caller swaps the result in). */
export function mergeLayers(l: PostingLayers): FrozenPostings {
  const alive = aliveInOrder(l);
  let total = 0;
  for (const id of alive) total += l.df[id] as number;
  const offsets = new Int32Array(alive.length + 1);
  const pdocs = new Int32Array(total);
  const pvals = new Uint16Array(total);
  const df = new Int32Array(Math.max(256, alive.length));
  const terms = new Array<string>(alive.length);
  let at = 0;
  for (let rank = 0; rank < alive.length; rank += 1) {
    const id = alive[rank] as number;
    offsets[rank] = at;
    terms[rank] = l.terms[id] as string;
    const start = at;
    if (id < l.frozenCount) {
      for (let k = l.offsets[id] as number, end = l.offsets[id + 1] as number; k < end; k += 1) {
        const v = l.pvals[k] as number;
        if (v === 0) continue;
        pdocs[at] = l.pdocs[k] as number;
        pvals[at] = v;
        at += 1;
      }
    }
    const end = start + (l.df[id] as number);
    if (l.fresh.has(id)) {
      l.fresh.copyTo(id, pdocs, pvals, end);
      sortPostings(pdocs, pvals, start, end);
    }
    at = end;
    df[rank] = end - start;
  }
  offsets[alive.length] = at;
  return { terms, df, offsets, pdocs, pvals };
}

/** Postings of one term sorted by doc (fresh docs may reuse lower numbers after an update). */
function sortPostings(docs: Int32Array, vals: Uint16Array, start: number, end: number): void {
  let sorted = true;
  for (let i = start + 1; i < end; i += 1) if ((docs[i] as number) < (docs[i - 1] as number)) sorted = false;
  if (sorted) return;
  const order = Array.from({ length: end - start }, (_, i) => start + i).sort((a, b) => (docs[a] as number) - (docs[b] as number));
  const d = order.map((i) => docs[i] as number);
  const v = order.map((i) => vals[i] as number);
  docs.set(d, start);
  vals.set(v, start);
}
