/**
 * Where the words a query matched stand in a text, found with the same tokenizer as the
 * index so that what is highlighted is what matched (including stems, typos and CJK bigrams).
 */
import type { Range } from '../ipc-contract';
import { tokenize } from './text';

export interface Matcher {
  /** Folded index terms the query matched (exact, stems, completions, typos). */
  terms: Set<string>;
  /** The word being typed: any token starting with one of these also matches. */
  prefixes: string[];
}

function matches(term: string, m: Matcher): boolean {
  if (m.terms.has(term)) return true;
  for (const p of m.prefixes) if (term.startsWith(p)) return true;
  return false;
}

/** The matched words of `text`, overlapping ones merged ("wi-fi" matched as wi, fi and wifi: one range). */
export function highlightRanges(text: string, m: Matcher): Range[] {
  const ranges: Range[] = [];
  for (const t of tokenize(text, true)) {
    if (!matches(t.term, m)) continue;
    const last = ranges[ranges.length - 1];
    if (last && t.start <= last[1]) last[1] = Math.max(last[1], t.end);
    else ranges.push([t.start, t.end]);
  }
  return ranges;
}
