/**
 * Every constant that decides ranking, in one place. The code that applies them:
 * analyze.ts (per-entry impacts), query.ts (which forms of a query word match, and how much
 * each weighs), scorer.ts (idf, coverage, title bonuses), title-phrase.ts (phrase bonus),
 * cuecard-index.ts (locale tiers, merge across locales) and usage-boost.ts (habit).
 * Each value was chosen on `npm run eval:search` (both query sets; CI fails below the
 * thresholds in tests/search-eval/thresholds.ts): re-run it after changing any of them.
 */

// ── Per-entry impacts (analyze.ts): BM25F-style saturation of field-weighted term frequency ──
/** BM25 saturation: how quickly repeating a word stops adding to its impact. */
export const K1 = 1.2;
export const TITLE_WEIGHT = 6;
export const TAG_WEIGHT = 1.5;
export const BODY_WEIGHT = 1;
/** The opening words of a body usually state what the entry is about: they count 1 + LEAD_EXTRA. */
export const LEAD_TOKENS = 30;
export const LEAD_EXTRA = 1;
/**
 * Field lengths are normalised against these fixed reference lengths, not the corpus average,
 * so an entry's impacts never depend on other entries (incremental = fresh build).
 */
export const TITLE_REF_LEN = 6;
export const BODY_REF_LEN = 120;
export const TITLE_B = 0.3;
export const BODY_B = 0.75;

// ── Query expansion (query.ts): every form matched weighs less than the word as typed (1) ──
export const MAX_QUERY_TERMS = 12;
/** A stem-like variant ("printers" for "printer") or a swapped case ending ("звука" ~ "звуков"). */
export const STEM_WEIGHT = 0.8;
/**
 * Stem-like variants share the first max(STEM_MIN_SHARED, STEM_SHARED_SHARE × length) letters and
 * differ in length by at most STEM_MAX_LENGTH_DIFFERENCE; then one extends the other
 * (printer/printers), or only the last SWAPPED_ENDING_MAX letters differ (not in English), or
 * they share max(STEM_LONG_MIN_SHARED, STEM_SHARED_SHARE × the longer length) letters
 * (printing/printers). Words shorter than STEM_MIN_SHARED get no variants.
 */
export const STEM_MIN_SHARED = 4;
export const STEM_SHARED_SHARE = 0.6;
export const STEM_MAX_LENGTH_DIFFERENCE = 3;
export const SWAPPED_ENDING_MAX = 2;
export const STEM_LONG_MIN_SHARED = 5;
/** Another negation of the language ("no" ~ "cannot"). */
export const NEGATION_WEIGHT = 0.8;
/** By edit distance 0, 1, 2; typos are only looked for when the word has no exact match. */
export const TYPO_WEIGHTS: readonly number[] = [1, 0.5, 0.35];
/** Up to this word length one edit is allowed, beyond it two. */
export const TYPO_ONE_EDIT_MAX_LENGTH = 7;
/** A completion of the word being typed: base + share × typed length / completion length. */
export const COMPLETION_WEIGHT_BASE = 0.55;
export const COMPLETION_WEIGHT_SHARE = 0.4;
/** A completion of a typed character of a spaceless script (CJK, Thai). */
export const CJK_COMPLETION_WEIGHT = 0.85;

/** How many completions of the typed prefix are kept (the most frequent first), by its length. */
export function completionCap(length: number): number {
  if (length <= 1) return 12;
  if (length === 2) return 24;
  if (length === 3) return 64;
  return 256;
}

// ── Query expansion (query-expansion.ts, the organisation's synonyms; query.ts expandAlternatives) ──
/** Another word the query may be read as weighs this much of the word as typed. */
export const SYNONYM_WEIGHT = 0.7;
/**
 * A word found through an expansion counts fully in an entry's title and this much elsewhere
 * (scorer.ts): an expansion is a guess at meaning, and a title says what an entry is about.
 * Measured on the paraphrase set (MRR@10, lead's synonyms / WordNet): 1 → 0.778 / 0.459,
 * 0.3 → 0.782 / 0.473, 0 → 0.789 / 0.488; 0.3 keeps body-only matches findable.
 */
export const SYNONYM_BODY_FACTOR = 0.3;
/**
 * An entry found only through an expansion scores at most this × the lowest entry that matches
 * every content word as typed (cuecard-index.ts): expansion never pushes an exact match down.
 */
export const EXPANDED_BELOW_EXACT = 0.999;

// ── Scoring (scorer.ts) ──
/** A function word (stopwords.ts) counts this much of a word in the score, coverage and title bonus. */
export const STOPWORD_WEIGHT = 0.15;
/** Score × this when every content word of the query is in the title. */
export const TITLE_ALL_BONUS = 1.5;
/** Score × (1 + this × idf-weighted share of the query's words in the title). */
export const TITLE_SHARE_BONUS = 1;
/** The least a query word weighs in the coverage factor (× STOPWORD_WEIGHT for a function word). */
export const MIN_WORD_WEIGHT = 0.2;

// ── Title phrase (title-phrase.ts) ──
/** How many of a partition's best candidates get their title read and checked. */
export const PHRASE_CANDIDATES = 30;
/** Score × (1 + this × share of consecutive query-word pairs found adjacent in the title). */
export const PHRASE_BONUS = 0.15;
/** "Adjacent" allows one word in between ("pas de son"); one-letter words count as words here. */
export const PHRASE_MAX_GAP = 2;

// ── Result list (cuecard-index.ts) ──
export const DEFAULT_LIMIT = 20;
/** Candidates kept per locale before merging locales: enough that merging cannot starve the list. */
export function candidatesPerLocale(limit: number): number {
  return limit * 2 + 10;
}

// ── Usage (usage-boost.ts): habit may reorder near-equal matches, never beat a clearly better one ──
/** The ranking multiplier is at most 1 + MAX_USAGE_BOOST. */
export const MAX_USAGE_BOOST = 0.15;
/** Uses after which frequency stops adding (log scale up to it). */
export const USAGE_SATURATION_COUNT = 20;
export const USAGE_HALF_LIFE_DAYS = 30;
