/**
 * The snippet's first match from each text's term offsets (common/search/first-match.ts) against
 * the scan it replaced (tokenize until the first matched word), on every entry of both shared
 * corpora: the same range, hence the same snippet and highlights. And the cache's bounds.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FirstMatchCache, TermOffsets } from '../../../common/search/first-match';
import type { Matcher } from '../../../common/search/highlight';
import { tokenize } from '../../../common/search/text';
import { snippetSourceText } from '../../../common/templates/snippet-text';
import { scannedFirstMatch } from '../../helpers/scanned-first-match';
import { readCorpus } from '../../search-eval/engines';

const CORPORA = ['gnome-help.ndjson', 'templates-osticket.ndjson'].map((name) => path.resolve(import.meta.dirname, '../../../../shared/corpus', name));
const MAX_SCAN = 20_000; // entry-view.ts

/** Deterministic pseudo-random picks (LCG), so a failure names the same matcher every run. */
function picker(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return n === 0 ? 0 : x % n;
  };
}

describe('first match from term offsets', () => {
  it.each(CORPORA)('finds the range the old scan found, for every entry of %s', (file) => {
    const entries = readCorpus(file);
    const texts = entries.map((e) => snippetSourceText(e.kind, e.body));
    const titles = entries.map((e) => tokenize(e.title, true).map((t) => t.term));
    const pick = picker(entries.length);
    const cache = new FirstMatchCache(MAX_SCAN);
    const mismatches: string[] = [];
    let compared = 0;
    let found = 0;
    texts.forEach((text, i) => {
      const scan = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
      const own = tokenize(scan.slice(-400), true).map((t) => t.term);
      const other = titles[(i + 1) % titles.length] as string[];
      const typed = titles[(i + 7) % titles.length] as string[];
      const word = typed[pick(typed.length)] ?? 'a';
      const matchers: Matcher[] = [
        // Another entry's title as the query, its last word being typed.
        { terms: new Set(other), prefixes: [word.slice(0, 1 + pick(4))] },
        // A word from late in this body, and one no text holds.
        { terms: new Set([own[own.length - 1 - pick(Math.min(own.length, 50))] ?? 'x', 'zzzqqq']), prefixes: [] },
        // Prefixes only (the first word being typed), and nothing at all.
        { terms: new Set(), prefixes: [word.slice(0, 2), 'zzq'] },
        { terms: new Set(), prefixes: [] },
      ];
      for (const m of matchers) {
        const expected = scannedFirstMatch(scan, m);
        // Twice: built, then from the cache.
        for (const got of [cache.first(text, m), cache.first(text, m)]) {
          if (String(got) !== String(expected)) mismatches.push(`${entries[i]?.id} ${JSON.stringify([...m.terms, ...m.prefixes])}: ${String(got)} ≠ ${String(expected)}`);
        }
        compared += 1;
        if (expected) found += 1;
      }
    });
    expect(mismatches).toEqual([]);
    expect(compared).toBe(entries.length * 4);
    // Not a comparison of nulls: most matchers find something.
    expect(found).toBeGreaterThan(compared / 2);
  }, 60_000);

  it('takes the earliest first token among terms and prefixes, hyphenated and folded words included', () => {
    const offsets = new TermOffsets('Turn Wi-Fi off. Then wifi on, and Café again: cafe.');
    expect(offsets.first({ terms: new Set(['wifi']), prefixes: [] })).toEqual([5, 10]);
    expect(offsets.first({ terms: new Set(['cafe']), prefixes: [] })).toEqual([34, 38]);
    expect(offsets.first({ terms: new Set(['cafe']), prefixes: ['th'] })).toEqual([16, 20]);
    expect(offsets.first({ terms: new Set(['again']), prefixes: ['of'] })).toEqual([11, 14]);
    expect(offsets.first({ terms: new Set(['nothing']), prefixes: ['zz'] })).toBeNull();
  });

  it('keeps at most its count and bytes of texts, the most recently used', () => {
    const m: Matcher = { terms: new Set(['b']), prefixes: [] };
    const cache = new FirstMatchCache(100, { texts: 2, bytes: 1_000_000 });
    expect(cache.first('a b', m)).toEqual([2, 3]);
    expect(cache.first('b c', m)).toEqual([0, 1]);
    expect(cache.first('a b', m)).toEqual([2, 3]);
    expect(cache.first('c d b', m)).toEqual([4, 5]);
    expect(cache.size).toBe(2);
    // A text over the byte bound is answered, not kept.
    const small = new FirstMatchCache(10_000, { texts: 100, bytes: 1000 });
    const long = `${'word '.repeat(200)}b`;
    expect(small.first(long, m)).toEqual([1000, 1001]);
    expect(small.size).toBe(0);
    // Only the first scanLength characters are looked at.
    expect(new FirstMatchCache(500).first(long, m)).toBeNull();
  });
});
