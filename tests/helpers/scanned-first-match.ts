/**
 * The snippet's first match as it was found until 30 Nov 2026 (highlight.ts `firstMatch`): the
 * text tokenized from its start until the first matched word. The reference that
 * common/search/first-match.ts must agree with (tests/unit/search/first-match.test.ts) and the
 * "before" of tests/bench/snippet-ab.ts.
 */
import type { Range } from '../../common/ipc-contract';
import type { Matcher } from '../../common/search/highlight';
import { scanTokens } from '../../common/search/text';

export function scannedFirstMatch(text: string, m: Matcher): Range | null {
  if (m.terms.size === 0 && m.prefixes.length === 0) return null;
  let found: Range | null = null;
  scanTokens(text, true, (term, s, e) => {
    if (!m.terms.has(term) && !m.prefixes.some((p) => term.startsWith(p))) return false;
    found = [s, e];
    return true;
  });
  return found;
}
