/**
 * Typo lookup for the frozen terms of a partition: every term's deletion neighbourhood (the
 * term with one letter removed, each way), hashed, as one sorted array of
 * `hash31(variant) * 2^22 + termId`. A query word's own neighbourhood then finds, by binary
 * search, the terms within a deletion of it on both sides (candidates; query.ts checks the
 * edit distance). Persisted with the partition (persist.ts).
 */
import { deletionHashes, isCjkTerm, TYPO_MIN_LENGTH } from './text';

/**
 * A key is hash31 × 2^22 + term id: 31 + 22 = 53 bits, exactly what a float64 holds as an
 * integer. A term id of 2^22 or more would spill into the hash bits and silently point typo
 * lookups at other terms, so building keys for more terms than this throws instead.
 */
export const TYPO_KEY_TERM_LIMIT = 2 ** 22;
const TERM_ID_SPACE = TYPO_KEY_TERM_LIMIT;

function typoable(term: string): boolean {
  return term.length >= TYPO_MIN_LENGTH && term.length <= 30 && !isCjkTerm(term);
}

/** The sorted keys for terms[0..count). */
export function buildTypoKeys(terms: readonly string[], count: number): Float64Array<ArrayBuffer> {
  if (count > TYPO_KEY_TERM_LIMIT) {
    throw new RangeError(`typo keys address at most ${TYPO_KEY_TERM_LIMIT} terms per locale; this one has ${count}`);
  }
  let size = 0;
  for (let id = 0; id < count; id += 1) {
    const term = terms[id] as string;
    if (typoable(term)) size += term.length + 1;
  }
  const keys = new Float64Array(size);
  const hashes: number[] = [];
  let at = 0;
  for (let id = 0; id < count; id += 1) {
    const term = terms[id] as string;
    if (!typoable(term)) continue;
    hashes.length = 0;
    for (const h of deletionHashes(term, hashes)) keys[at++] = h * TERM_ID_SPACE + id;
  }
  return keys.sort();
}

/** Adds to `out` the ids of terms whose neighbourhood meets `term`'s. */
export function addTypoCandidates(keys: Float64Array, term: string, out: Set<number>): void {
  for (const hash of deletionHashes(term)) {
    const base = hash * TERM_ID_SPACE;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as number) < base) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < keys.length; i += 1) {
      const key = keys[i] as number;
      if (key >= base + TERM_ID_SPACE) break;
      out.add(key - base);
    }
  }
}
