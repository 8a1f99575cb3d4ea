/**
 * The inverted index of one locale. Postings live in two layers:
 * - frozen: terms sorted (term id = rank, so exact and prefix lookups are binary searches),
 *   postings in one CSR array (docs sorted per term) — compact, persisted as raw bytes;
 * - fresh: terms and postings added since the last freeze (see FreshPostings).
 * An update rewrites a doc in place: its old frozen postings are zeroed (found by re-analysing
 * the old text) and the new ones go to the fresh layer; `freeze()` merges both layers.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import { analyzeEntry } from './analyze';
import { DocTable } from './doc-table';
import { FreshPostings } from './fresh-postings';
import { addTypoCandidates, buildTypoKeys } from './typo-keys';

/**
 * Prefix and typo lookups scan fresh terms one by one, so a fresh layer that keeps growing (a
 * first sync is all incremental) slows every keystroke. Past SOFT new terms (or 1/16 of the
 * frozen vocabulary) a merge is due when idle; past HARD (or half of it: geometric) at once.
 */
const FRESH_TERMS_SOFT = 256;
const FRESH_TERMS_HARD = 20_000;

/** Per partition; the commonest words, which make most tokens, stay in it between clears. */
const FROZEN_LOOKUPS_MAX = 16_384;

export type CompactionNeed = 'none' | 'idle' | 'now';

export class Partition {
  readonly docs = new DocTable();
  terms: string[] = [];
  frozenCount = 0;
  readonly freshTermIds = new Map<string, number>();
  df = new Int32Array(256);
  offsets = new Int32Array(1);
  pdocs = new Int32Array(0);
  pvals = new Uint16Array(0);
  readonly fresh = new FreshPostings();
  /** Typo lookup keys of the frozen terms (see typo-keys.ts). */
  delKeys = new Float64Array(0);
  /** Set when something changed since the last freeze/persist. */
  dirty = false;

  /**
   * Frozen-layer answers (id, or -1 for absent) remembered until the frozen terms change (a new
   * `terms` array: merge or load). Applying a sync page after a merge looks up every token of
   * every entry; a binary search over strings each time cost more than the rest of indexing.
   */
  private readonly frozenLookups = new Map<string, number>();
  private frozenLookupsFor: string[] | null = null;

  /** Reads the persisted terms and postings (set by persist.ts; run once, on first use). */
  private pendingLoad: (() => void) | null = null;

  constructor(readonly locale: string) {}

  deferLoad(load: () => void): void {
    this.pendingLoad = load;
  }

  /** Every entry point that reads terms or postings calls this first. */
  ensureLoaded(): void {
    const load = this.pendingLoad;
    if (!load) return;
    this.pendingLoad = null;
    load();
  }

  termId(term: string): number {
    this.ensureLoaded();
    if (this.frozenCount === 0) return this.freshTermIds.get(term) ?? -1;
    if (this.frozenLookupsFor !== this.terms) {
      this.frozenLookups.clear();
      this.frozenLookupsFor = this.terms;
    }
    let id = this.frozenLookups.get(term);
    if (id === undefined) {
      id = this.searchFrozen(term);
      if (this.frozenLookups.size >= FROZEN_LOOKUPS_MAX) this.frozenLookups.clear();
      this.frozenLookups.set(term, id);
    }
    return id >= 0 ? id : (this.freshTermIds.get(term) ?? -1);
  }

  private searchFrozen(term: string): number {
    let lo = 0;
    let hi = this.frozenCount - 1;
    const terms = this.terms;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = terms[mid] as string;
      if (t < term) lo = mid + 1;
      else if (t > term) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Calls `visit(termId)` for every term starting with `prefix` (frozen range, then fresh). */
  forEachWithPrefix(prefix: string, visit: (termId: number, term: string) => void): void {
    this.ensureLoaded();
    let lo = 0;
    let hi = this.frozenCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.frozenCount; i += 1) {
      const t = this.terms[i] as string;
      if (!t.startsWith(prefix)) break;
      if ((this.df[i] as number) > 0) visit(i, t);
    }
    for (const [t, id] of this.freshTermIds) {
      if (t.startsWith(prefix) && (this.df[id] as number) > 0) visit(id, t);
    }
  }

  get compactionNeed(): CompactionNeed {
    const fresh = this.freshTermIds.size;
    if (fresh >= Math.max(FRESH_TERMS_HARD, this.frozenCount / 2)) return 'now';
    // A merge rewrites the whole partition: a big one waits for proportionally more new terms.
    return fresh >= Math.max(FRESH_TERMS_SOFT, this.frozenCount / 16) ? 'idle' : 'none';
  }

  /** Term ids whose deletion neighbourhood meets `term`'s (candidates for a typo match). */
  typoCandidates(term: string): Set<number> {
    this.ensureLoaded();
    const out = new Set<number>();
    addTypoCandidates(this.delKeys, term, out);
    for (const [t, id] of this.freshTermIds) {
      if (Math.abs(t.length - term.length) <= 2) out.add(id);
    }
    return out;
  }

  upsert(entry: KnowledgeEntry): void {
    this.ensureLoaded();
    const { doc, existed } = this.docs.slotFor(entry.id);
    const wasLive = existed && this.docs.live[doc] === 1;
    if (wasLive) this.unindex(doc);
    analyzeEntry(
      entry,
      (term) => this.ensureTerm(term),
      (id, val) => {
        this.df[id] = (this.df[id] as number) + 1;
        this.fresh.add(id, doc, val);
      },
    );
    this.docs.put(doc, entry, wasLive);
    this.dirty = true;
  }

  remove(id: string): boolean {
    this.ensureLoaded();
    const doc = this.docs.docOf.get(id);
    if (doc === undefined || !this.docs.live[doc]) return false;
    this.unindex(doc);
    this.docs.drop(doc);
    this.dirty = true;
    return true;
  }

  private unindex(doc: number): void {
    const old = this.docs.entry(doc);
    if (!old) return;
    analyzeEntry(old, (term) => this.termId(term), (id) => this.unindexTerm(id, doc));
  }

  private unindexTerm(id: number, doc: number): void {
    let removed = this.fresh.remove(id, doc);
    if (!removed && id < this.frozenCount) {
      const at = this.findFrozen(id, doc);
      if (at >= 0 && (this.pvals[at] as number) !== 0) {
        this.pvals[at] = 0;
        removed = true;
      }
    }
    if (removed) this.df[id] = (this.df[id] as number) - 1;
  }

  private findFrozen(id: number, doc: number): number {
    let lo = this.offsets[id] as number;
    let hi = (this.offsets[id + 1] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.pdocs[mid] as number;
      if (d < doc) lo = mid + 1;
      else if (d > doc) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  private ensureTerm(term: string): number {
    const id = this.termId(term);
    if (id >= 0) return id;
    const fresh = this.terms.length;
    this.terms.push(term);
    this.freshTermIds.set(term, fresh);
    if (fresh >= this.df.length) {
      const df = new Int32Array(Math.max(256, this.df.length * 2));
      df.set(this.df);
      this.df = df;
    }
    this.fresh.reserveTerms(this.df.length);
    return fresh;
  }

  /** Live term ids in term order: the frozen ones are sorted already, the fresh ones are sorted and merged in. */
  private aliveInOrder(): Int32Array {
    const freshTerms: string[] = [];
    for (const [t, id] of this.freshTermIds) if ((this.df[id] as number) > 0) freshTerms.push(t);
    freshTerms.sort(); // default sort: UTF-16 code unit order, the same as `<` in termId()
    const alive = new Int32Array(this.frozenCount + freshTerms.length);
    let n = 0;
    let j = 0;
    for (let i = 0; i < this.frozenCount; i += 1) {
      if ((this.df[i] as number) <= 0) continue;
      const t = this.terms[i] as string;
      while (j < freshTerms.length && (freshTerms[j] as string) < t) alive[n++] = this.freshTermIds.get(freshTerms[j++] as string) as number;
      alive[n++] = i;
    }
    while (j < freshTerms.length) alive[n++] = this.freshTermIds.get(freshTerms[j++] as string) as number;
    return alive.subarray(0, n);
  }

  /** Merges the fresh layer into the frozen one and drops dead terms and postings. */
  /** Merges fresh postings and moves fresh entries into the doc buffer (before persisting). */
  freeze(): void {
    this.ensureLoaded();
    this.docs.freeze();
    this.mergePostings();
  }

  /**
   * Merges fresh postings into the frozen layer, dropping dead ones. Entries stay put: freezing
   * the doc table pulls a loaded index's entry text from its file into memory until persisted.
   */
  mergePostings(): void {
    this.ensureLoaded();
    if (this.fresh.count === 0 && this.freshTermIds.size === 0 && !this.hasDeadPostings()) return;
    const alive = this.aliveInOrder();
    let total = 0;
    for (const id of alive) total += this.df[id] as number;
    const offsets = new Int32Array(alive.length + 1);
    const pdocs = new Int32Array(total);
    const pvals = new Uint16Array(total);
    const df = new Int32Array(Math.max(256, alive.length));
    const terms = new Array<string>(alive.length);
    let at = 0;
    for (let rank = 0; rank < alive.length; rank += 1) {
      const id = alive[rank] as number;
      offsets[rank] = at;
      terms[rank] = this.terms[id] as string;
      const start = at;
      if (id < this.frozenCount) {
        for (let k = this.offsets[id] as number, end = this.offsets[id + 1] as number; k < end; k += 1) {
          const v = this.pvals[k] as number;
          if (v === 0) continue;
          pdocs[at] = this.pdocs[k] as number;
          pvals[at] = v;
          at += 1;
        }
      }
      const end = start + (this.df[id] as number);
      if (this.fresh.has(id)) {
        this.fresh.copyTo(id, pdocs, pvals, end);
        sortPostings(pdocs, pvals, start, end);
      }
      at = end;
      df[rank] = end - start;
    }
    offsets[alive.length] = at;
    this.terms = terms;
    this.frozenCount = terms.length;
    this.freshTermIds.clear();
    this.fresh.clear();
    this.offsets = offsets;
    this.pdocs = pdocs;
    this.pvals = pvals;
    this.df = df;
    this.buildTypoKeys();
  }

  private hasDeadPostings(): boolean {
    for (let id = 0; id < this.frozenCount; id += 1) {
      if ((this.df[id] as number) !== (this.offsets[id + 1] as number) - (this.offsets[id] as number)) return true;
    }
    return false;
  }

  buildTypoKeys(): void {
    this.delKeys = buildTypoKeys(this.terms, this.frozenCount);
  }
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
