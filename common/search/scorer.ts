/**
 * Scores one partition for a parsed query: BM25-style idf (capped per query word, see
 * wordIdf) × precomputed impact × match weight, the best expansion per query word (so many
 * completions of one word do not add up), then a coverage factor so entries containing all
 * the words rank above those with some, and a bonus when every content word is in the title.
 * Scratch arrays are reused across queries; only touched docs are visited or reset.
 */
import { IMPACT_MASK, IMPACT_SCALE, TITLE_FLAG } from './analyze';
import type { Partition } from './partition';
import type { Expansion } from './query';
import { MIN_WORD_WEIGHT, STOPWORD_WEIGHT, SYNONYM_BODY_FACTOR, TITLE_ALL_BONUS, TITLE_SHARE_BONUS } from './ranking-params';

export interface Candidate {
  doc: number;
  score: number;
  /** Every content word matched as typed (or a form of it), not only through an expansion. */
  exact?: boolean;
  /** Some query word matched only through an expansion (query-expansion.ts). */
  expanded?: boolean;
}

export interface DocFilter {
  kind: number;
  /** 1 for each doc the tag filter admits (tag-filters.ts), or null for no tag filter. */
  allowed: Uint8Array | null;
}

let acc = new Float32Array(1024);
let best = new Float32Array(1024);
let mask = new Uint16Array(1024);
let titleMask = new Uint16Array(1024);
let bestTitle = new Uint8Array(1024);
let lexMask = new Uint16Array(1024);
let bestLex = new Uint8Array(1024);

let touchedNow = new Int32Array(1024);

function ensureScratch(size: number): void {
  if (touchedNow.length < size) touchedNow = new Int32Array(Math.max(size, touchedNow.length * 2));
  if (acc.length >= size) return;
  const n = Math.max(size, acc.length * 2);
  acc = new Float32Array(n);
  best = new Float32Array(n);
  mask = new Uint16Array(n);
  titleMask = new Uint16Array(n);
  bestTitle = new Uint8Array(n);
  lexMask = new Uint16Array(n);
  bestLex = new Uint8Array(n);
}

export function idf(p: Partition, termId: number): number {
  return idfOf(p.docs.liveCount, p.docFreq(termId));
}

function idfOf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * The most a form of one query word may weigh: the idf of the word as typed, or when it is no
 * indexed word (a prefix, a typo), of all its forms together. A rare inflection or completion
 * ("sonidos" for "sonido", "toner" for "ton", "volumes" for "volu") is no more informative than
 * what the agent typed and must not outscore it; a commoner form keeps its own lower idf.
 */
function wordIdf(p: Partition, list: readonly Expansion[]): number {
  const exact = list.find((e) => e.weight === 1);
  if (exact) return idf(p, exact.termId);
  let df = 0;
  for (const e of list) df += p.docFreq(e.termId);
  return idfOf(p.docs.liveCount, Math.min(df, p.docs.liveCount));
}

/**
 * `light[i]`: query word i is a function word (see stopwords.ts); it still matches but counts
 * for STOPWORD_WEIGHT of a word in the score, the coverage and the title bonus.
 */
export function scorePartition(p: Partition, expansions: Expansion[][], light: readonly boolean[], filter: DocFilter, keep: number): Candidate[] {
  ensureScratch(p.docs.capacity);
  const touched: number[] = [];
  const termWeights: number[] = [];
  expansions.forEach((list, i) => {
    const bit = 1 << i;
    // Docs this query word reached, in touchedNow[0 … reached) (each once: best[] marks them).
    let reached = 0;
    let weight = 0;
    const factor = light[i] ? STOPWORD_WEIGHT : 1;
    const cap = wordIdf(p, list);
    for (const { termId, weight: w, synonym } of list) {
      const s = (Math.min(idf(p, termId), cap) * w * factor) / IMPACT_SCALE;
      weight = Math.max(weight, s * IMPACT_SCALE);
      const visit = (d: number, v: number): void => {
        const c = s * (v & IMPACT_MASK) * (synonym && !(v & TITLE_FLAG) ? SYNONYM_BODY_FACTOR : 1);
        if (best[d] === 0) touchedNow[reached++] = d;
        if (c > (best[d] as number)) best[d] = c;
        if (v & TITLE_FLAG) bestTitle[d] = 1;
        if (!synonym) bestLex[d] = 1;
      };
      p.postings(termId, visit);
    }
    termWeights.push(Math.max(MIN_WORD_WEIGHT * factor, weight));
    for (let k = 0; k < reached; k += 1) {
      const d = touchedNow[k] as number;
      if (mask[d] === 0) touched.push(d);
      acc[d] = (acc[d] as number) + (best[d] as number);
      mask[d] = (mask[d] as number) | bit;
      if (bestTitle[d]) titleMask[d] = (titleMask[d] as number) | bit;
      if (bestLex[d]) lexMask[d] = (lexMask[d] as number) | bit;
      best[d] = 0;
      bestTitle[d] = 0;
      bestLex[d] = 0;
    }
  });
  const known = termWeights.filter((_, i) => (expansions[i] as Expansion[]).length > 0);
  const mean = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  let total = 0;
  termWeights.forEach((w, i) => {
    total += (expansions[i] as Expansion[]).length > 0 ? w : mean * (light[i] ? STOPWORD_WEIGHT : 1);
  });
  // The title bonus asks for every content word: "send file over bluetooth" is fully in
  // "Send files to a Bluetooth device" even without "over".
  let content = 0;
  light.forEach((l, i) => {
    if (!l) content |= 1 << i;
  });
  const heap = new MinHeap(keep);
  const expandedQuery = expansions.some((list) => list.some((e) => e.synonym));
  const flags = expandedQuery ? new Map<number, { exact: boolean; expanded: boolean }>() : null;
  for (const d of touched) {
    const m = mask[d] as number;
    const tm = titleMask[d] as number;
    const lm = lexMask[d] as number;
    const sum = acc[d] as number;
    acc[d] = 0;
    mask[d] = 0;
    titleMask[d] = 0;
    lexMask[d] = 0;
    if (filter.kind && p.docs.kindOf(d) !== filter.kind) continue;
    if (filter.allowed && filter.allowed[d] !== 1) continue;
    let covered = 0;
    for (let i = 0; i < expansions.length; i += 1) if (m & (1 << i)) covered += termWeights[i] as number;
    let inTitle = 0;
    for (let i = 0; i < expansions.length; i += 1) if (tm & (1 << i)) inTitle += termWeights[i] as number;
    const coverage = covered / total;
    let score = sum * coverage * coverage * (1 + TITLE_SHARE_BONUS * (inTitle / total));
    if ((tm & content) === content) score *= TITLE_ALL_BONUS;
    heap.offer(d, score);
    flags?.set(d, { exact: (lm & content) === content, expanded: (m & ~lm) !== 0 });
  }
  const sorted = heap.sorted();
  if (flags) for (const c of sorted) Object.assign(c, flags.get(c.doc));
  return sorted;
}

/** Keeps the `size` best candidates without sorting everything touched. */
class MinHeap {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly size: number) {}

  offer(doc: number, score: number): void {
    if (this.docs.length < this.size) {
      this.docs.push(doc);
      this.scores.push(score);
      this.up(this.docs.length - 1);
    } else if (score > (this.scores[0] as number)) {
      this.docs[0] = doc;
      this.scores[0] = score;
      this.down(0);
    }
  }

  sorted(): Candidate[] {
    return this.docs
      .map((doc, i) => ({ doc, score: this.scores[i] as number }))
      .sort((a, b) => b.score - a.score);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.scores[parent] as number) <= (this.scores[i] as number)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.docs.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && (this.scores[l] as number) < (this.scores[m] as number)) m = l;
      if (r < n && (this.scores[r] as number) < (this.scores[m] as number)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    [this.docs[a], this.docs[b]] = [this.docs[b] as number, this.docs[a] as number];
    [this.scores[a], this.scores[b]] = [this.scores[b] as number, this.scores[a] as number];
  }
}
