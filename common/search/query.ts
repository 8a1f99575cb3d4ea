/**
 * Query terms and how each one is matched inside one partition:
 * - exact term (weight 1, and only it: the scorer takes the word's idf from it);
 * - stem-like variants sharing a long common prefix ("printers" ~ "printer", "printing"), or
 *   a swapped case ending in inflected languages;
 * - a negation, by any negation of the language ("no sound" ~ "I cannot hear any sounds");
 * - the last word as you type: completions, the most frequent first, capped for 1–3 letters;
 *   stem variants only once what is typed is a word of its own;
 * - typos (1 edit up to 7 letters, 2 from 8) only when the word has no exact match, so a
 *   misspelling is found without drowning exact hits.
 */
import type { Partition } from './partition';
import type { Alternative } from './query-expansion';
import {
  CJK_COMPLETION_WEIGHT,
  COMPLETION_WEIGHT_BASE,
  COMPLETION_WEIGHT_SHARE,
  completionCap,
  MAX_QUERY_TERMS,
  NEGATION_WEIGHT,
  STEM_LONG_MIN_SHARED,
  STEM_MAX_LENGTH_DIFFERENCE,
  STEM_MIN_SHARED,
  STEM_SHARED_SHARE,
  STEM_WEIGHT,
  SWAPPED_ENDING_MAX,
  TYPO_ONE_EDIT_MAX_LENGTH,
  TYPO_WEIGHTS,
} from './ranking-params';
import { negationsLike } from './stopwords';
import { editDistance, isCjkTerm, tokenize, TYPO_MIN_LENGTH } from './text';

export interface QueryTerm {
  term: string;
  /** The word being typed: match it as a prefix. */
  prefix: boolean;
  cjk: boolean;
}

export interface Expansion {
  termId: number;
  /** 1 for the word as typed, less for every other form. */
  weight: number;
  /** A form of another word the query may be read as (query-expansion.ts), not of the word typed. */
  synonym?: true;
}

export function parseQuery(query: string): QueryTerm[] {
  const tokens = tokenize(query, true);
  const typing = query.length > 0 && !/[\s\p{P}]$/u.test(query);
  const last = tokens[tokens.length - 1];
  const out: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const isLast = token === last || (token.cjk && last?.cjk === true && token.end === last.end);
    const prefix = typing && isLast && (!token.cjk || [...token.term].length === 1);
    if (!prefix && !token.cjk && token.term.length < 2) continue;
    const key = `${token.term}|${prefix}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ term: token.term, prefix, cjk: token.cjk || isCjkTerm(token.term) });
  }
  return out.slice(0, MAX_QUERY_TERMS);
}

export function expand(q: QueryTerm, p: Partition): Expansion[] {
  const found = new Map<number, number>();
  const offer = (termId: number, weight: number): void => {
    if (weight > (found.get(termId) ?? 0)) found.set(termId, weight);
  };
  let exact = p.termId(q.term);
  if (exact >= 0 && p.docFreq(exact) <= 0) exact = -1;
  if (exact >= 0) offer(exact, 1);
  if (q.cjk) {
    if (q.prefix) p.forEachWithPrefix(q.term, (id) => offer(id, id === exact ? 1 : CJK_COMPLETION_WEIGHT));
    return toList(found);
  }
  for (const negation of negationsLike(q.term, p.locale) ?? []) {
    const id = p.termId(negation);
    if (id >= 0 && id !== exact && p.docFreq(id) > 0) offer(id, NEGATION_WEIGHT);
  }
  if (q.prefix) addCompletions(q.term, p, offer);
  // A prefix that is no word of its own is unfinished: "screensh" is no form of "screen".
  if (q.term.length >= STEM_MIN_SHARED && (!q.prefix || exact >= 0)) addStemVariants(q.term, p, offer);
  if (exact < 0 && found.size === 0 && q.term.length >= TYPO_MIN_LENGTH) addTypos(q.term, p, offer);
  return toList(found);
}

function addCompletions(term: string, p: Partition, offer: (id: number, w: number) => void): void {
  const cap = completionCap(term.length);
  const picked: Array<{ id: number; df: number; len: number }> = [];
  p.forEachWithPrefix(term, (id, t) => {
    if (t === term) return;
    picked.push({ id, df: p.docFreq(id), len: t.length });
  });
  if (picked.length > cap) {
    picked.sort((a, b) => b.df - a.df);
    picked.length = cap;
  }
  for (const c of picked) offer(c.id, COMPLETION_WEIGHT_BASE + (COMPLETION_WEIGHT_SHARE * term.length) / c.len);
}

/**
 * Case endings replace the last letter or two of a short stem in inflected languages ("звука" ~
 * "звуков", "файла" ~ "файлы"), which the shared-prefix rules miss; English endings are added
 * ("printer" ~ "printers"), so there a swapped ending finds another word ("stylus" ~ "style").
 */
function swapsEndings(locale: string): boolean {
  return !/^en(?:[-_]|$)/i.test(locale);
}

function addStemVariants(term: string, p: Partition, offer: (id: number, w: number) => void): void {
  const endingsSwap = swapsEndings(p.locale);
  const shared = Math.max(STEM_MIN_SHARED, Math.ceil(STEM_SHARED_SHARE * term.length));
  const stem = term.slice(0, shared);
  p.forEachWithPrefix(stem, (id, t) => {
    if (t === term || Math.abs(t.length - term.length) > STEM_MAX_LENGTH_DIFFERENCE) return;
    let common = 0;
    const n = Math.min(t.length, term.length);
    while (common < n && t.charCodeAt(common) === term.charCodeAt(common)) common += 1;
    // One word extending the other (printer/printers) or a long shared stem (printing/printers).
    const extends_ = common === n && n >= STEM_MIN_SHARED;
    const swapped = endingsSwap && common >= STEM_MIN_SHARED && t.length - common <= SWAPPED_ENDING_MAX && term.length - common <= SWAPPED_ENDING_MAX;
    const longStem = Math.max(STEM_LONG_MIN_SHARED, Math.ceil(STEM_SHARED_SHARE * Math.max(t.length, term.length)));
    if (extends_ || swapped || common >= longStem) offer(id, STEM_WEIGHT);
  });
}

function addTypos(term: string, p: Partition, offer: (id: number, w: number) => void): void {
  const max = term.length > TYPO_ONE_EDIT_MAX_LENGTH ? 2 : 1;
  for (const id of p.typoCandidates(term)) {
    if (p.docFreq(id) <= 0) continue;
    const candidate = p.term(id);
    const d = editDistance(term, candidate, max);
    if (d <= max) offer(id, TYPO_WEIGHTS[d] as number);
  }
}

function toList(found: Map<number, number>): Expansion[] {
  return [...found].map(([termId, weight]) => ({ termId, weight }));
}

/**
 * Adds the forms of each alternative's words to the query words it stands for, at the
 * alternative's weight times the form's own. The words of a run share the alternative's words
 * in turn ("launch programs at startup" → "start automatically": launch ~ start, programs ~
 * automatically, function words skipped), so an entry must hold all of them to cover the run; a
 * form the word as typed already reaches stays the word's own.
 */
export function expandAlternatives(expansions: Expansion[][], alternatives: readonly Alternative[], p: Partition, light: readonly boolean[]): void {
  for (const alt of alternatives) {
    const span: number[] = [];
    for (let i = alt.from; i < alt.to && i < expansions.length; i += 1) if (!light[i]) span.push(i);
    if (span.length === 0) for (let i = alt.from; i < alt.to && i < expansions.length; i += 1) span.push(i);
    alt.words.forEach((word, k) => {
      const forms = expand({ term: word, prefix: false, cjk: isCjkTerm(word) }, p);
      // More alternative words than query words: the last query word takes the rest.
      const targets = alt.words.length <= span.length ? span.filter((_, j) => j % alt.words.length === k) : [span[Math.min(k, span.length - 1)] as number];
      for (const i of targets) {
        const list = expansions[i] as Expansion[];
        for (const form of forms) {
          const weight = form.weight * alt.weight;
          const known = list.find((e) => e.termId === form.termId);
          if (!known) list.push({ termId: form.termId, weight, synonym: true });
          else if (known.synonym && weight > known.weight) known.weight = weight;
        }
      }
    });
  }
}
