/**
 * Cuecard's search index: one partition per locale, searched along the agent's locale chain,
 * results grouped by entry id so one entry never shows twice. Ranking order: the tier of the
 * most-preferred locale the entry exists in (agent's locale first, then fallbacks), then the
 * text score times a small bounded usage boost. It answers ids, scores and highlight ranges;
 * what is shown for a hit is built by entry-view.ts.
 */
import fs from 'node:fs';
import type { KnowledgeEntry } from '../knowledge';
import { localeChain } from '../locale';
import type { EntryChange } from './types';
import { HeldChanges } from './held-changes';
import { TagFilters } from './tag-filters';
import type { BlobFile, DocTableImage } from './doc-table';
import { highlightRanges, type Matcher } from './highlight';
import type { CompactionNeed } from './merge-postings';
import { Partition } from './partition';
import { expand, expandAlternatives, parseQuery } from './query';
import type { QueryExpansion } from './query-expansion';
import { candidatesPerLocale, DEFAULT_LIMIT, EXPANDED_BELOW_EXACT } from './ranking-params';
import { scorePartition, type Candidate, type DocFilter } from './scorer';
import type { Section } from './sections';
import { isStopword } from './stopwords';
import { applyPhraseBonus, formsToWords } from './title-phrase';
import type { IndexHit, KnowledgeIndex, SearchQuery, UsageSignal } from './types';

interface Ranked {
  id: string;
  tier: number;
  score: number;
}

/** One partition's persisted form (see persist.ts). */
export interface PartitionImage {
  locale: string;
  postings: Section[];
  docs: DocTableImage;
}

const NO_MATCH: Matcher = { terms: new Set(), prefixes: [] };

/** The agent's locale before its fallbacks, then text score (with the usage boost), then id. */
function rankBefore(a: Ranked, b: Ranked): number {
  return a.tier - b.tier || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class CuecardIndex implements KnowledgeIndex {
  private readonly partitions = new Map<string, Partition>();
  private readonly tagFilters = new TagFilters();
  usage: UsageSignal | undefined;
  /** Other words a query may be read as (the organisation's synonyms): query-expansion.ts. */
  expansion: QueryExpansion | undefined;
  /** Open descriptor of the index file whose entry bytes the partitions read (see DocTable). */
  private fileDescriptor: number | null = null;
  /** Changes for locales outside the agent's chain, applied when needed (see deferLocales). */
  private readonly held = new HeldChanges();
  /** Whether apply() indexes a locale's changes at once; null: every locale (the default). */
  private isHot: ((locale: string) => boolean) | null = null;
  /**
   * Locale chains by asked locale and fallbacks while the set of partitions stays the same:
   * working one out sorts every locale the index holds (~5% of a server ranking's CPU).
   */
  private readonly chains = new Map<string, string[]>();

  /** An index read back from a file (persist.ts); its entries are read from `fileDescriptor`. */
  static restore(partitions: readonly Partition[], fileDescriptor: number): CuecardIndex {
    const index = new CuecardIndex();
    for (const p of partitions) index.partitions.set(p.locale, p);
    index.fileDescriptor = fileDescriptor;
    return index;
  }

  /** Freezes every partition and returns what persist.ts writes, partition by partition. */
  serialize(): PartitionImage[] {
    this.applyAllHeld();
    this.freeze();
    return [...this.partitions.values()].map((p) => ({ locale: p.locale, postings: p.serialize(), docs: p.docs.serialize() }));
  }

  /**
   * After the images from serialize() were written: partition i reads its entries from
   * `entryFiles[i]` of the file open as `fileDescriptor`, and the index is clean.
   */
  attachFile(fileDescriptor: number, entryFiles: readonly BlobFile[]): void {
    [...this.partitions.values()].forEach((p, i) => p.docs.attachFile(entryFiles[i] ?? { fd: fileDescriptor, offset: 0, length: 0 }));
    this.releaseFile();
    this.fileDescriptor = fileDescriptor;
    this.markClean();
  }

  get size(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.docs.liveCount;
    if (this.held.size === 0) return n;
    return n + this.held.netCount((locale, id) => this.isLive(locale, id));
  }

  get dirty(): boolean {
    if (this.held.size > 0) return true;
    for (const p of this.partitions.values()) if (p.dirty) return true;
    return false;
  }

  markClean(): void {
    for (const p of this.partitions.values()) p.dirty = false;
  }

  /** Closes the index file descriptor (after which frozen entries must not be read). */
  releaseFile(): void {
    if (this.fileDescriptor !== null) fs.closeSync(this.fileDescriptor);
    this.fileDescriptor = null;
  }

  /** Closes the index file and drops every partition (frees the memory at once). */
  clear(): void {
    this.releaseFile();
    this.partitions.clear();
    this.chains.clear();
    this.tagFilters.clear();
    this.held.clear();
  }

  /** Locales whose frozen entries are read from the index file rather than held in memory. */
  localesWithEntriesInFile(): string[] {
    return [...this.partitions.values()].filter((p) => p.docs.entriesInFile).map((p) => p.locale);
  }

  build(entries: readonly KnowledgeEntry[]): void {
    this.partitions.clear();
    this.chains.clear();
    this.tagFilters.clear();
    this.held.clear();
    this.addMany(entries);
    this.freeze();
  }

  /** Adds or replaces entries without freezing (used in chunks by the background build). */
  addMany(entries: readonly KnowledgeEntry[]): void {
    this.tagFilters.clear();
    for (const entry of entries) {
      if (this.held.size > 0) this.applyHeld(entry.locale);
      this.partition(entry.locale).upsert(entry);
    }
  }

  freeze(): void {
    for (const p of this.partitions.values()) p.freeze();
  }

  /** Terms added since the last merge, over all locales (scanned one by one by prefix and typo lookups). */
  get unmergedTerms(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.freshTermCount;
    return n;
  }

  /** The most urgent merge any partition's fresh layer asks for. */
  get compactionNeed(): CompactionNeed {
    let need: CompactionNeed = 'none';
    for (const p of this.partitions.values()) {
      const own = p.compactionNeed;
      if (own === 'now') return own;
      if (own === 'idle') need = own;
    }
    return need;
  }

  /** Merges the fresh layer of every partition that asks for it (see Partition.compactionNeed). */
  compact(): void {
    for (const p of this.partitions.values()) if (p.compactionNeed !== 'none') p.mergePostings();
  }

  apply(changes: readonly EntryChange[]): void {
    this.tagFilters.clear();
    const isHot = this.isHot;
    const hot = new Map<string, boolean>();
    for (const change of changes) {
      const locale = change.type === 'upsert' ? change.entry.locale : change.locale;
      if (isHot) {
        let applyNow = hot.get(locale);
        if (applyNow === undefined) hot.set(locale, (applyNow = isHot(locale)));
        if (!applyNow) {
          this.held.hold(change);
          continue;
        }
        // Changes held before the locale turned hot go first: the order changes came in is kept.
        if (this.held.has(locale)) this.applyHeld(locale);
      }
      this.applyOne(change);
    }
  }

  /**
   * From now on, changes for locales where `isHot` is false are held until needed: a search
   * whose chain includes the locale, get(), serialize(), applyHeld() or applyHeldSome() applies
   * them first, so every answer is the one the eagerly applied changes would give. Null (the
   * default, and the server's answer index): every change is applied at once.
   */
  deferLocales(isHot: ((locale: string) => boolean) | null): void {
    this.isHot = isHot;
    if (!isHot) this.applyAllHeld();
  }

  /** Applies the held changes of every locale in the chain of `locale` and `fallbacks` (a locale switch). */
  applyHeldChain(locale: string, fallbacks: readonly string[]): void {
    this.chainFor(locale, fallbacks);
  }

  /** Changes held for locales not searched yet. */
  get heldChanges(): number {
    return this.held.size;
  }

  /** Applies the held changes of `locale` (when, e.g., the agent switches to it). */
  applyHeld(locale: string): void {
    if (!this.held.has(locale)) return;
    this.tagFilters.clear();
    for (const change of this.held.take(locale)) this.applyOne(change);
  }

  /** Applies at most `max` held changes (a background slice); returns how many are still held. */
  applyHeldSome(max: number): number {
    const some = this.held.takeSome(max);
    if (some.length > 0) this.tagFilters.clear();
    for (const change of some) this.applyOne(change);
    return this.held.size;
  }

  private applyAllHeld(): void {
    while (this.held.size > 0) this.applyHeldSome(Infinity);
  }

  private applyOne(change: EntryChange): void {
    if (change.type === 'upsert') this.partition(change.entry.locale).upsert(change.entry);
    else this.partitions.get(change.locale)?.remove(change.id);
  }

  private isLive(locale: string, id: string): boolean {
    const docs = this.partitions.get(locale)?.docs;
    const doc = docs?.docOf(id);
    return doc !== undefined && docs !== undefined && docs.isLive(doc);
  }

  get(id: string, locale: string): KnowledgeEntry | undefined {
    this.applyHeld(locale);
    const p = this.partitions.get(locale);
    const doc = p?.docs.docOf(id);
    return doc === undefined ? undefined : p?.docs.entry(doc);
  }

  search(q: SearchQuery): IndexHit[] {
    const chain = this.chainFor(q.locale, q.fallbackLocales ?? ['en']);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const terms = parseQuery(q.query);
    if (terms.length === 0) return this.recent(q, chain, limit);
    const matcher: Matcher = { terms: new Set(), prefixes: terms.filter((t) => t.prefix).map((t) => t.term) };
    const byId = new Map<string, Ranked>();
    const filters = new Map<string, DocFilter>();
    for (const locale of chain) {
      const p = this.partitions.get(locale);
      if (p) filters.set(locale, this.tagFilters.filterFor(p, q));
    }
    chain.forEach((locale, tier) => {
      const p = this.partitions.get(locale);
      if (!p) return;
      p.ensureLoaded();
      const expansions = terms.map((t) => expand(t, p));
      // Function words weigh little, unless the query is nothing but (then they are the query).
      const light = terms.map((t) => !t.prefix && isStopword(t.term, locale));
      if (light.every(Boolean)) light.fill(false);
      const alternatives = this.expansion?.alternatives(terms.map((t) => t.term), locale, q.locale) ?? [];
      if (alternatives.length > 0) expandAlternatives(expansions, alternatives, p, light);
      for (const list of expansions) for (const e of list) matcher.terms.add(p.term(e.termId));
      const candidates = scorePartition(p, expansions, light, filters.get(locale) as DocFilter, candidatesPerLocale(limit));
      applyPhraseBonus(candidates, p, formsToWords(expansions, p), light);
      const scores = this.finalScores(candidates, p, locale);
      candidates.forEach((c, k) => {
        const id = p.docs.idOf(c.doc) as string;
        const shownTier = this.preferredTier(id, chain, tier, filters);
        const score = scores[k] as number;
        const prior = byId.get(id);
        if (!prior || rankBefore({ id, tier: shownTier, score }, prior) < 0) byId.set(id, { id, tier: shownTier, score });
      });
    });
    const ranked = [...byId.values()].sort(rankBefore);
    return ranked.slice(0, limit).map((r) => this.hit(r, chain, matcher));
  }

  /**
   * Text score × usage boost per candidate. An entry found only through an expansion stays
   * below every entry that matches each content word as typed, whatever the boosts.
   */
  private finalScores(candidates: readonly Candidate[], p: Partition, locale: string): number[] {
    const scores = candidates.map((c) => c.score * (1 + (this.usage?.boost(p.docs.idOf(c.doc) as string, locale) ?? 0)));
    let lowestExact = Infinity;
    candidates.forEach((c, k) => {
      if (c.exact) lowestExact = Math.min(lowestExact, scores[k] as number);
    });
    if (lowestExact === Infinity) return scores;
    return scores.map((s, k) => (candidates[k]?.expanded && !candidates[k]?.exact ? Math.min(s, lowestExact * EXPANDED_BELOW_EXACT) : s));
  }

  /** Empty query: the entries this agent used most/recently, in the locale chain. */
  private recent(q: SearchQuery, chain: string[], limit: number): IndexHit[] {
    const usage = this.usage;
    if (!usage?.top) return [];
    const out: IndexHit[] = [];
    const seen = new Set<string>();
    for (const { id } of usage.top(limit * 4)) {
      if (seen.has(id)) continue;
      const tier = this.preferredTier(id, chain, chain.length);
      if (tier >= chain.length) continue;
      const locale = chain[tier] as string;
      const entry = this.get(id, locale);
      if (!entry || (q.kind && entry.kind !== q.kind)) continue;
      if (q.tags && !q.tags.every((t) => entry.tags.includes(t))) continue;
      seen.add(id);
      out.push(this.hit({ id, tier, score: usage.boost(id, locale) }, chain, NO_MATCH));
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * The most preferred tier, before `upTo`, whose locale holds `id` as a doc the query's filter
   * admits: a variant of another kind, or without the tags asked for, never answers for the entry.
   */
  private preferredTier(id: string, chain: string[], upTo: number, filters?: ReadonlyMap<string, DocFilter>): number {
    for (let t = 0; t < upTo && t < chain.length; t += 1) {
      const locale = chain[t] as string;
      const docs = this.partitions.get(locale)?.docs;
      const doc = docs?.docOf(id);
      if (doc === undefined || !docs) continue;
      const filter = filters?.get(locale);
      if (filter && ((filter.kind !== 0 && docs.kindOf(doc) !== filter.kind) || (filter.allowed && filter.allowed[doc] !== 1))) continue;
      return t;
    }
    return upTo;
  }

  private hit(r: Ranked, chain: string[], matched: Matcher): IndexHit {
    const locale = chain[r.tier] as string;
    const docs = this.partitions.get(locale)?.docs;
    const doc = docs?.docOf(r.id);
    const title = doc === undefined ? undefined : docs?.title(doc);
    return {
      id: r.id,
      locale,
      score: Math.round(r.score * 1000) / 1000,
      fallback: r.tier > 0,
      titleHighlights: title === undefined ? [] : highlightRanges(title, matched),
      matched,
    };
  }

  /** The query's locale chain over every locale the index holds, held ones applied first. */
  private chainFor(locale: string, fallbacks: readonly string[]): string[] {
    if (this.held.size === 0) {
      const key = `${locale}\u0000${fallbacks.join('\u0000')}`;
      let chain = this.chains.get(key);
      if (!chain) {
        chain = localeChain(locale, fallbacks, this.partitions.keys());
        if (this.chains.size >= 1000) this.chains.clear();
        this.chains.set(key, chain);
      }
      return chain;
    }
    const chain = localeChain(locale, fallbacks, new Set([...this.partitions.keys(), ...this.held.localesWithUpserts()]));
    for (const tag of chain) this.applyHeld(tag);
    return chain;
  }

  private partition(locale: string): Partition {
    let p = this.partitions.get(locale);
    if (!p) {
      p = new Partition(locale);
      this.partitions.set(locale, p);
      this.chains.clear();
    }
    return p;
  }
}
