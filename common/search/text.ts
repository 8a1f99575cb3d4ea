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

const FOLDABLE_RE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}\p{M}]+$/u;
const EXTRA_LETTERS: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŀ: 'l', ħ: 'h',
};
const EXTRA_RE = /[ßẞæœøłđðþıŀħ]/gu;

const encoder = new FlexSearch.Encoder({ normalize: true, dedupe: false });

/** Folding is pure and vocabularies are small compared with texts: cache it. */
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 1_000_000;

export function foldWord(raw: string): string {
  let ascii = true;
  let upper = false;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if (c > 0x7e) {
      ascii = false;
      break;
    }
    if (c >= 65 && c <= 90) upper = true;
  }
  if (ascii) return upper ? raw.toLowerCase() : raw;
  const cached = foldCache.get(raw);
  if (cached !== undefined) return cached;
  let out = raw.toLowerCase().replace(EXTRA_RE, (ch) => EXTRA_LETTERS[ch] ?? ch);
  if (FOLDABLE_RE.test(out)) {
    const parts = encoder.encode(out) as string[];
    if (parts.length > 0) out = parts.join('');
  } else {
    out = out.normalize('NFKC');
  }
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(raw, out);
  return out;
}

/** Han, kana and Thai: scripts written without spaces between words. */
function isCjkCode(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0x0e00 && c <= 0x0e7f) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x31f0 && c <= 0x31ff) ||
    (c >= 0xff66 && c <= 0xff9f) ||
    (c >= 0xd840 && c <= 0xd87f) ||
    c === 0x3005
  );
}

export function isCjkTerm(term: string): boolean {
  for (let i = 0; i < term.length; i += 1) if (isCjkCode(term.charCodeAt(i))) return true;
  return false;
}

/** Receives each token; return true to stop scanning. */
export type TokenVisitor = (term: string, start: number, end: number, cjk: boolean) => boolean | void;

/**
 * Receives a plain word (no hyphen, no spaceless script) as its span `text[start, end)`, unfolded;
 * its term is `foldWord(text.slice(start, end))`. Return true to stop scanning.
 */
export type PlainWordVisitor = (text: string, start: number, end: number) => boolean | void;

/**
 * Visits the tokens of `text` in order. `keepShort` keeps 1-character Latin words (the
 * query's last word is a prefix even when it is one letter long). With `plainWord`, plain words
 * go to it as spans instead of to `visit` (the index build looks them up without a substring).
 */
export function scanTokens(text: string, keepShort: boolean, visit: TokenVisitor, plainWord?: PlainWordVisitor): void {
  // A hand-written scanner over char codes (the regex-and-match-array version was the largest
  // single cost of a 100k build): plain words take a fast path with folding decided on the fly;
  // hyphenated and spaceless-script words go through the general path below.
  const n = text.length;
  let i = 0;
  while (i < n) {
    const first = text.charCodeAt(i);
    // ASCII letters and digits are most of every text: tested inline, before the general rule.
    if (!(first < 0x80 ? isAsciiWordCode(first) : wordCharWidth(text, i) > 0)) {
      i += 1;
      continue;
    }
    const start = i;
    let flags = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 97 && c <= 122) {
        i += 1;
        continue;
      }
      if (c < 0x80) {
        if (c >= 65 && c <= 90) flags |= UPPER;
        else if (c >= 48 && c <= 57) flags |= DIGIT;
        // A hyphen joins two word runs ("wi-fi"); anything else ends the word.
        else if (c === 0x2d && i + 1 < n && i > start && wordCharWidth(text, i + 1) > 0) flags |= HYPHEN;
        else break;
        i += 1;
        continue;
      }
      const w = wordCharWidth(text, i);
      if (w === 0) break;
      flags |= charFlags(c);
      i += w;
    }
    if (flags & (HYPHEN | CJK)) {
      if (scanComplexWord(text.slice(start, i), start, keepShort, visit)) return;
      continue;
    }
    const length = i - start;
    if (length === 1 && !keepShort && !(flags & DIGIT)) continue;
    if (plainWord) {
      if (plainWord(text, start, i) === true) return;
      continue;
    }
    const raw = text.slice(start, i);
    const term = flags & NON_ASCII ? foldWord(raw) : flags & UPPER ? raw.toLowerCase() : raw;
    if (visit(term, start, i, false) === true) return;
  }
}

const HYPHEN = 1;
const CJK = 2;
const NON_ASCII = 4;
const UPPER = 8;
const DIGIT = 16;
const WORD_CHAR_RE = /^[\p{L}\p{N}\p{M}]$/u;
/** BMP code unit → 0 unknown, 1 not a word char, 2 word char. */
const wordClass = new Uint8Array(65536);
const astralWordChars = new Map<number, boolean>();

function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function charFlags(c: number): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? UPPER : c <= 57 ? DIGIT : 0;
  return isCjkCode(c) || c === 0x30fc ? NON_ASCII | CJK : NON_ASCII;
}

/** How many code units the word character at `i` takes (2 for an astral one), 0 when not a word character. */
function wordCharWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return isAsciiWordCode(c) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i) as number;
    if (cp <= 0xffff) return 0;
    let known = astralWordChars.get(cp);
    if (known === undefined) {
      known = WORD_CHAR_RE.test(String.fromCodePoint(cp));
      astralWordChars.set(cp, known);
    }
    return known ? 2 : 0;
  }
  let k = wordClass[c] as number;
  if (k === 0) {
    k = WORD_CHAR_RE.test(String.fromCharCode(c)) ? 2 : 1;
    wordClass[c] = k;
  }
  return k === 2 ? 1 : 0;
}

/** A hyphenated word or one containing spaceless script. */
function scanComplexWord(word: string, at: number, keepShort: boolean, visit: TokenVisitor): boolean {
  if (!word.includes('-')) return scanWord(word, at, keepShort, visit);
  let offset = 0;
  const parts = word.split('-');
  for (const part of parts) {
    if (scanWord(part, at + offset, keepShort, visit)) return true;
    offset += part.length + 1;
  }
  if (word.length <= 24 && !isCjkTerm(word)) {
    if (visit(foldWord(parts.join('')), at, at + word.length, false) === true) return true;
  }
  return false;
}

export function tokenize(text: string, keepShort = false): Token[] {
  const out: Token[] = [];
  scanTokens(text, keepShort, (term, start, end, cjk) => {
    out.push({ term, start, end, cjk });
  });
  return out;
}

function scanWord(word: string, at: number, keepShort: boolean, visit: TokenVisitor): boolean {
  if (!isCjkTerm(word)) {
    if (word.length > 1 || keepShort || (word >= '0' && word <= '9')) {
      return visit(foldWord(word), at, at + word.length, false) === true;
    }
    return false;
  }
  // Split into runs of spaceless script and the rest (e.g. "Wi-Fiを設定" or "USBメモリ").
  let runStart = 0;
  let runCjk = isCjkCode(word.charCodeAt(0)) || word.charCodeAt(0) === 0x30fc;
  for (let i = 1; i <= word.length; i += 1) {
    const c = word.charCodeAt(i);
    const cjk = i < word.length ? isCjkCode(c) || c === 0x30fc || (runCjk && c >= 0xdc00 && c <= 0xdfff) : !runCjk;
    if (cjk === runCjk) continue;
    const run = word.slice(runStart, i);
    if (runCjk) {
      if (scanBigrams(run, at + runStart, visit)) return true;
    } else if (run.length > 1 || keepShort) {
      if (visit(foldWord(run), at + runStart, at + i, false) === true) return true;
    }
    runStart = i;
    runCjk = cjk;
  }
  return false;
}

function scanBigrams(run: string, at: number, visit: TokenVisitor): boolean {
  const normal = run.normalize('NFKC');
  const chars = Array.from(normal);
  const exact = normal.length === run.length && chars.length === run.length;
  const pos = (i: number): number => (exact ? at + i : at);
  const endPos = (i: number): number => (exact ? at + i : at + run.length);
  if (chars.length === 1) return visit(chars[0] as string, pos(0), endPos(1), true) === true;
  for (let i = 0; i + 1 < chars.length; i += 1) {
    if (visit(`${chars[i]}${chars[i + 1]}`, pos(i), endPos(i + 2), true) === true) return true;
  }
  return false;
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

/**
 * hash31 of the word and of each of its one-character deletions (a symmetric deletion
 * neighbourhood), computed without building the variant strings.
 */
export function deletionHashes(term: string, out: number[] = []): number[] {
  out.push(hash31(term));
  let prefix = 0x811c9dc5;
  for (let i = 0; i < term.length; i += 1) {
    let h = prefix;
    for (let j = i + 1; j < term.length; j += 1) {
      h ^= term.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
    }
    out.push((h >>> 1) & 0x7fffffff);
    prefix ^= term.charCodeAt(i);
    prefix = Math.imul(prefix, 0x01000193);
  }
  return out;
}

export const TYPO_MIN_LENGTH = 4;
