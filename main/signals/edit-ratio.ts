/**
 * How much the agent changed a rendered reply in "Adjust before insert" (issue #18): the
 * Levenshtein distance (fastest-levenshtein, Myers' bit-parallel algorithm) divided by the longer
 * text's length, so 0 is untouched and 1 rewritten completely.
 *
 * Bounded: the common prefix and suffix are dropped first (a typical adjustment touches a few
 * words), and when what is left of either side is still over MAX_COMPARED_CHARS the distance is
 * taken as the longer remainder, its upper bound, instead of an O(n·m) comparison.
 */
import { distance } from 'fastest-levenshtein';

export const MAX_COMPARED_CHARS = 20_000;

function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let n = 0;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n += 1;
  return n;
}

function commonSuffix(a: string, b: string, skip: number): number {
  const limit = Math.min(a.length, b.length) - skip;
  let n = 0;
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n += 1;
  return n;
}

/** The edit ratio from `original` to `edited`, in [0, 1], rounded to 4 decimals. */
export function editRatio(original: string, edited: string): number {
  const longer = Math.max(original.length, edited.length);
  if (longer === 0) return 0;
  const prefix = commonPrefix(original, edited);
  const suffix = commonSuffix(original, edited, prefix);
  const a = original.slice(prefix, original.length - suffix);
  const b = edited.slice(prefix, edited.length - suffix);
  const changed = Math.max(a.length, b.length) > MAX_COMPARED_CHARS ? Math.max(a.length, b.length) : distance(a, b);
  return Math.round((changed / longer) * 10_000) / 10_000;
}
