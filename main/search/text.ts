/**
 * Text processing shared by indexing, querying and highlighting, so the three always agree.
 * - Words are runs of letters/digits/marks; hyphenated words also yield their joined form
 *   ("wi-fi" → wi, fi, wifi) because agents type either.
 * - Folding: lower case, diacritics removed (FlexSearch's normalising Encoder for Latin,
 *   Greek and Cyrillic words) plus letters NFD cannot split (ß→ss, ø→o, ł→l, œ→oe…).
 *   Scripts whose combining marks carry meaning (Devanagari, Tamil…) are only lower-cased.
 * - Han, Hiragana, Katakana and Thai have no spaces: such runs become overlapping bigrams
 *   (a lone character stays a unigram), which needs no dictionary and matches sub-words.
 */
import FlexSearch from 'flexsearch';

export interface Token {
  /** Folded form used as the index term. */
  term: string;
  /** [start, end) in the original string. */
  start: number;
  end: number;
  /** Bigram (or unigram) from a run of script without spaces. */
  cjk: boolean;
}

const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*/gu;
const CJK_CHAR_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\u30fc\u3005]/u;
const HAS_CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const FOLDABLE_RE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}\p{M}]+$/u;
const ASCII_RE = /^[\x20-\x7e]*$/;
const EXTRA_LETTERS: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŀ: 'l', ħ: 'h',
};
const EXTRA_RE = new RegExp(`[${Object.keys(EXTRA_LETTERS).join('')}]`, 'gu');

const encoder = new FlexSearch.Encoder({ normalize: true, dedupe: false });

/** Folding is pure and vocabularies are small compared with texts: cache it. */
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 200_000;

export function foldWord(raw: string): string {
  const cached = foldCache.get(raw);
  if (cached !== undefined) return cached;
  let out = raw.toLowerCase();
  if (!ASCII_RE.test(out)) {
    out = out.replace(EXTRA_RE, (ch) => EXTRA_LETTERS[ch] ?? ch);
    if (FOLDABLE_RE.test(out)) {
      const parts = encoder.encode(out) as string[];
      if (parts.length > 0) out = parts.join('');
    } else {
      out = out.normalize('NFKC');
    }
  }
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(raw, out);
  return out;
}

export function isCjkTerm(term: string): boolean {
  return HAS_CJK_RE.test(term);
}

/**
 * Tokens of `text` with their positions. `keepShort` keeps 1-character Latin words (the
 * query's last word is a prefix even when it is one letter long).
 */
export function tokenize(text: string, keepShort = false): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(WORD_RE)) {
    const word = match[0];
    const at = match.index;
    if (word.includes('-')) {
      let offset = 0;
      const parts = word.split('-');
      for (const part of parts) {
        pushWord(out, part, at + offset, keepShort);
        offset += part.length + 1;
      }
      if (word.length <= 24 && !HAS_CJK_RE.test(word)) {
        const joined = foldWord(parts.join(''));
        out.push({ term: joined, start: at, end: at + word.length, cjk: false });
      }
    } else {
      pushWord(out, word, at, keepShort);
    }
  }
  return out;
}

function pushWord(out: Token[], word: string, at: number, keepShort: boolean): void {
  if (!HAS_CJK_RE.test(word)) {
    if (word.length > 1 || keepShort || /\d/.test(word)) {
      out.push({ term: foldWord(word), start: at, end: at + word.length, cjk: false });
    }
    return;
  }
  // Split into runs of spaceless script and the rest (e.g. "Wi-Fiを設定" or "USBメモリ").
  let runStart = 0;
  let runCjk = CJK_CHAR_RE.test(word[0] ?? '');
  for (let i = 1; i <= word.length; i += 1) {
    const cjk = i < word.length ? CJK_CHAR_RE.test(word[i] as string) : !runCjk;
    if (cjk === runCjk) continue;
    const run = word.slice(runStart, i);
    if (runCjk) pushBigrams(out, run, at + runStart);
    else if (run.length > 1 || keepShort) out.push({ term: foldWord(run), start: at + runStart, end: at + i, cjk: false });
    runStart = i;
    runCjk = cjk;
  }
}

function pushBigrams(out: Token[], run: string, at: number): void {
  const chars = Array.from(run.normalize('NFKC'));
  if (chars.length !== run.length) {
    // Surrogate pairs or width changes: positions are approximate, terms are right.
    if (chars.length === 1) out.push({ term: chars[0] as string, start: at, end: at + run.length, cjk: true });
    for (let i = 0; i + 1 < chars.length; i += 1) {
      out.push({ term: `${chars[i]}${chars[i + 1]}`, start: at, end: at + run.length, cjk: true });
    }
    return;
  }
  if (chars.length === 1) out.push({ term: chars[0] as string, start: at, end: at + 1, cjk: true });
  for (let i = 0; i + 1 < chars.length; i += 1) {
    out.push({ term: `${chars[i]}${chars[i + 1]}`, start: at + i, end: at + i + 2, cjk: true });
  }
}

/** Optimal-string-alignment distance (a transposition counts 1), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i += 1) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb] as number;
}

/** 31-bit FNV-1a, so (hash, termId) packs exactly into a float64 key. */
export function hash31(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) & 0x7fffffff;
}

/** The word and each of its one-character deletions: a symmetric deletion neighbourhood. */
export function deletionVariants(term: string): string[] {
  const out = [term];
  for (let i = 0; i < term.length; i += 1) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

export const TYPO_MIN_LENGTH = 4;
