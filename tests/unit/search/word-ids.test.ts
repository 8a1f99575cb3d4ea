/**
 * The index build's word → term id cache (common/search/word-ids.ts): words are found by their
 * characters in the text they stand in, case and length count, nothing is lost when the table
 * grows, and a partition renumbering its terms (a merge) never answers an old id.
 */
import { describe, expect, it } from 'vitest';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { WordIds } from '../../../common/search/word-ids';
import { entry } from './helpers';

describe('WordIds', () => {
  it('answers a span by its characters, -1 for a word not stored, and keeps every word while it grows', () => {
    const ids = new WordIds();
    const text = 'Printer printer print printers';
    expect(ids.get(text, 0, 7)).toBe(-1);
    ids.set(text, 0, 7, 5);
    expect(ids.get(text, 8, 15)).toBe(-1); // lower case is another word as written
    ids.set(text, 8, 15, 6);
    expect(ids.get(text, 16, 21)).toBe(-1); // a prefix of a stored word is not it
    expect(ids.get(text, 22, 30)).toBe(-1);
    expect(ids.get('xPrinter', 1, 8)).toBe(5);
    expect(ids.get(' printer ', 1, 8)).toBe(6);
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}é`);
    for (const [i, w] of words.entries()) {
      expect(ids.get(w, 0, w.length)).toBe(-1);
      ids.set(w, 0, w.length, 100 + i);
    }
    expect(words.map((w) => ids.get(`<${w}>`, 1, w.length + 1))).toEqual(words.map((_, i) => 100 + i));
    expect(ids.get(text, 0, 7)).toBe(5);
    ids.clear();
    expect(ids.get(text, 0, 7)).toBe(-1);
  });

  it('a set() without the miss before it stores nothing', () => {
    const ids = new WordIds();
    ids.set('word', 0, 4, 1);
    expect(ids.get('word', 0, 4)).toBe(-1);
  });
});

describe('term ids of words across a merge', () => {
  it('an index fed in pages with merges between them scores like one built at once', () => {
    const entries = Array.from({ length: 300 }, (_, i) =>
      entry({
        id: `e${i}`,
        locale: 'en',
        title: `Zebra ${i % 7 === 0 ? 'Printer' : 'Scanner'} setup ${String.fromCharCode(97 + (i % 26))}lpha`,
        body: `The printer and the scanner word${i} Wörter ${i % 3 === 0 ? 'wireless' : 'cable'} network`,
      }),
    );
    const paged = new CuecardIndex();
    for (let i = 0; i < entries.length; i += 50) {
      paged.apply(entries.slice(i, i + 50).map((e) => ({ type: 'upsert' as const, entry: e })));
      paged.compact(); // renumbers the terms: every page after the first meets a new numbering
      paged.freeze();
    }
    const whole = new CuecardIndex();
    whole.build(entries);
    for (const query of ['printer', 'zebra scanner', 'word77', 'worter', 'wireless network', 'alph']) {
      const got = paged.search({ query, locale: 'en', limit: 20 }).map((h) => `${h.id}:${h.score}`);
      expect(got).toEqual(whole.search({ query, locale: 'en', limit: 20 }).map((h) => `${h.id}:${h.score}`));
      expect(got.length).toBeGreaterThan(0);
    }
  });
});
