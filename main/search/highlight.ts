/**
 * Matched ranges in a title and a body snippet, computed with the same tokenizer as the
 * index so that what is highlighted is what matched (including stems, typos and CJK bigrams).
 */
import type { Range } from '../../common/ipc-contract';
import { scanTokens, tokenize } from './text';

export interface Matcher {
  /** Folded index terms the query matched (exact, stems, completions, typos). */
  terms: Set<string>;
  /** The word being typed: any token starting with one of these also matches. */
  prefixes: string[];
}

const SNIPPET_LENGTH = 160;
const SNIPPET_LEAD = 50;
const MAX_SCAN = 20_000;

function matches(term: string, m: Matcher): boolean {
  if (m.terms.has(term)) return true;
  for (const p of m.prefixes) if (term.startsWith(p)) return true;
  return false;
}

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

/** A window of the body around its first match (or its start), with ranges into the window. */
export function snippet(body: string, m: Matcher): { snippet: string; highlights: Range[] } {
  const scan = body.length > MAX_SCAN ? body.slice(0, MAX_SCAN) : body;
  let firstStart = -1;
  let firstEnd = -1;
  if (m.terms.size > 0 || m.prefixes.length > 0) {
    scanTokens(scan, true, (term, s, e) => {
      if (!matches(term, m)) return false;
      firstStart = s;
      firstEnd = e;
      return true;
    });
  }
  let start = 0;
  if (firstStart >= 0 && firstEnd > SNIPPET_LENGTH - 20) {
    start = Math.max(0, firstStart - SNIPPET_LEAD);
    const space = scan.lastIndexOf(' ', start);
    if (space > start - 20 && space >= 0) start = space + 1;
  }
  let end = Math.min(scan.length, start + SNIPPET_LENGTH);
  if (end < scan.length) {
    const space = scan.lastIndexOf(' ', end);
    if (space > start + SNIPPET_LENGTH / 2) end = space;
  }
  const text = scan.slice(start, end).replace(/\s+/g, ' ');
  // Collapsing whitespace shifts positions: recompute ranges on the final text.
  return { snippet: text, highlights: highlightRanges(text, m) };
}
