/**
 * The inverted index of one locale. Postings live in two layers:
 * - frozen: terms sorted (term id = rank, so exact and prefix lookups are binary searches),
 *   postings in one CSR array (docs sorted per term) — compact, persisted as raw bytes;
 * - fresh: terms and postings added since the last freeze (see FreshPostings).
 * An update rewrites a doc in place: its old frozen postings are zeroed (found by re-analysing
 * the old text) and the new ones go to the fresh layer; `freeze()` merges both layers.
 */
import type { KnowledgeEntry } from '../knowledge';
import { analyzeEntry, type TermIds } from './analyze';
import { DocTable } from './doc-table';
import { FreshPostings } from './fresh-postings';
import { compactionNeed, hasDeadPostings, mergeLayers, type CompactionNeed, type PostingLayers } from './merge-postings';
import type { Section, SectionReader } from './sections';
import { foldWord } from './text';
import { addTypoCandidates, buildTypoKeys } from './typo-keys';
import { MAX_CACHED_WORD, WordIds } from './word-ids';

/** Per partition; the commonest words, which make most tokens, stay in it between clears. */
const FROZEN_LOOKUPS_MAX = 16_384;

export class Partition {
  /** Terms: frozen ones sorted first (id = rank), then fresh ones in order of arrival. */
  private terms: string[] = [];
  private frozenCount = 0;
  private readonly freshTermIds = new Map<string, number>();
  private df: Int32Array = new Int32Array(256);
  private offsets: Int32Array = new Int32Array(1);
  private pdocs: Int32Array = new Int32Array(0);
  private pvals: Uint16Array = new Uint16Array(0);
  private readonly fresh = new FreshPostings();
  /** Typo lookup keys of the frozen terms (see typo-keys.ts). */
  private delKeys: Float64Array = new Float64Array(0);
  /** Set when something changed since the last freeze/persist. */
  dirty = false;

  /**
   * Frozen-layer answers (id, or -1 for absent) remembered until the frozen terms change (a new
   * `terms` array: merge or load). Applying a sync page after a merge looks up every token of
   * every entry; a binary search over strings each time cost more than the rest of indexing.
   */
  private readonly frozenLookups = new Map<string, number>();
  private frozenLookupsFor: string[] | null = null;

  /**
   * Plain words as written → term ids, for analysing entries (word-ids.ts); valid while the
   * term ids are (cleared with frozenLookups when `terms` is replaced).
   */
  private readonly wordIds = new WordIds();
  /** Term ids that upsert interns and unindex only looks up. */
  private readonly interning: TermIds = {
    ofTerm: (term) => this.ensureTerm(term),
    ofWord: (text, start, end) => this.wordId(text, start, end, true),
  };
  private readonly lookingUp: TermIds = {
    ofTerm: (term) => this.termId(term),
    ofWord: (text, start, end) => this.wordId(text, start, end, false),
  };

  /** Reads the persisted terms and postings (set by restore(); run once, on first use). */
  private pendingLoad: (() => void) | null = null;

  constructor(
    readonly locale: string,
    readonly docs: DocTable = new DocTable(),
  ) {}

  /**
   * A partition persisted by serialize(): the doc table now, the terms and postings from
   * `readPostings` when the partition is first used (an agent works in a few of many locales).
   */
  static restore(locale: string, docs: DocTable, readPostings: () => SectionReader): Partition {
    const p = new Partition(locale, docs);
    p.pendingLoad = () => {
      const s = readPostings();
      const termText = s.text('terms');
      p.terms = termText.length ? termText.split('\n') : [];
      p.frozenCount = p.terms.length;
      p.df = s.i32('df');
      p.offsets = s.i32('offsets');
      p.pdocs = s.i32('pdocs');
      p.pvals = s.u16('pvals');
      p.delKeys = s.f64('delKeys');
    };
    return p;
  }

  /** The persisted form of the terms and postings (freeze() first; the doc table has its own). */
  serialize(): Section[] {
    this.ensureLoaded();
    return [
      { name: 'terms', value: this.terms.slice(0, this.frozenCount).join('\n') },
      { name: 'df', value: this.df.subarray(0, this.frozenCount) },
      { name: 'offsets', value: this.offsets },
      { name: 'pdocs', value: this.pdocs },
      { name: 'pvals', value: this.pvals },
      { name: 'delKeys', value: this.delKeys },
    ];
  }

  /** Every entry point that reads terms or postings calls this first. */
  ensureLoaded(): void {
    const load = this.pendingLoad;
    if (!load) return;
    this.pendingLoad = null;
    load();
  }

  /** The term with id `termId` (from termId(), forEachWithPrefix() or typoCandidates()). */
  term(termId: number): string {
    return this.terms[termId] as string;
  }

  /** How many live entries contain the term (0: the term is dead until the next merge drops it). */
  docFreq(termId: number): number {
    return this.df[termId] as number;
  }

  /** Terms added since the last merge (scanned one by one by prefix and typo lookups). */
  get freshTermCount(): number {
    return this.freshTermIds.size;
  }

  /**
   * Calls `visit(doc, value)` for each live posting of the term: the impact in the low bits
   * and TITLE_FLAG (see analyze.ts). Frozen postings in doc order, then fresh ones.
   */
  postings(termId: number, visit: (doc: number, value: number) => void): void {
    if (termId < this.frozenCount) {
      const pdocs = this.pdocs;
      const pvals = this.pvals;
      for (let k = this.offsets[termId] as number, end = this.offsets[termId + 1] as number; k < end; k += 1) {
        const v = pvals[k] as number;
        if (v !== 0) visit(pdocs[k] as number, v);
      }
    }
    this.fresh.forEach(termId, visit);
  }

  termId(term: string): number {
    this.ensureLoaded();
    if (this.frozenCount === 0) return this.freshTermIds.get(term) ?? -1;
    this.checkLookups();
    let id = this.frozenLookups.get(term);
    if (id === undefined) {
      id = this.searchFrozen(term);
      if (this.frozenLookups.size >= FROZEN_LOOKUPS_MAX) this.frozenLookups.clear();
      this.frozenLookups.set(term, id);
    }
    return id >= 0 ? id : (this.freshTermIds.get(term) ?? -1);
  }

  /** Forgets looked-up ids once the terms were renumbered (a merge or a load replaces `terms`). */
  private checkLookups(): void {
    if (this.frozenLookupsFor === this.terms) return;
    this.frozenLookups.clear();
    this.wordIds.clear();
    this.frozenLookupsFor = this.terms;
  }

  /** The id of the plain word `text[start, end)` (see TermIds.ofWord), interned when `intern`. */
  private wordId(text: string, start: number, end: number, intern: boolean): number {
    if (end - start > MAX_CACHED_WORD) {
      const term = foldWord(text.slice(start, end));
      return intern ? this.ensureTerm(term) : this.termId(term);
    }
    this.checkLookups();
    const known = this.wordIds.get(text, start, end);
    if (known >= 0) return known;
    const term = foldWord(text.slice(start, end));
    const id = intern ? this.ensureTerm(term) : this.termId(term);
    if (id >= 0) this.wordIds.set(text, start, end, id);
    return id;
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
    return compactionNeed(this.freshTermIds.size, this.frozenCount);
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
    const wasLive = existed && this.docs.isLive(doc);
    if (wasLive) this.unindex(doc);
    analyzeEntry(
      entry,
      this.interning,
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
    const doc = this.docs.docOf(id);
    if (doc === undefined || !this.docs.isLive(doc)) return false;
    this.unindex(doc);
    this.docs.drop(doc);
    this.dirty = true;
    return true;
  }

  private unindex(doc: number): void {
    const old = this.docs.entry(doc);
    if (!old) return;
    analyzeEntry(old, this.lookingUp, (id) => this.unindexTerm(id, doc));
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

  /** Merges fresh postings and moves fresh entries into the doc buffer (before persisting). */
  freeze(): void {
    this.ensureLoaded();
    this.docs.freeze();
    this.mergePostings();
  }

  /**
   * Merges fresh postings into the frozen layer, dropping dead ones. Entries stay put: freezing
   * the doc table pulls a loaded index's entry text from its file into memory until persisted.
   * The typo keys are built before anything is swapped in, so a merge that fails on their
   * term limit leaves the partition as it was.
   */
  mergePostings(): void {
    this.ensureLoaded();
    const layers: PostingLayers = {
      terms: this.terms,
      frozenCount: this.frozenCount,
      freshTermIds: this.freshTermIds,
      df: this.df,
      offsets: this.offsets,
      pdocs: this.pdocs,
      pvals: this.pvals,
      fresh: this.fresh,
    };
    if (this.fresh.count === 0 && this.freshTermIds.size === 0 && !hasDeadPostings(layers)) return;
    const merged = mergeLayers(layers);
    const delKeys = buildTypoKeys(merged.terms, merged.terms.length);
    this.terms = merged.terms;
    this.frozenCount = merged.terms.length;
    this.freshTermIds.clear();
    this.fresh.clear();
    this.offsets = merged.offsets;
    this.pdocs = merged.pdocs;
    this.pvals = merged.pvals;
    this.df = merged.df;
    this.delKeys = delKeys;
  }
}
