/**
 * A merge whose typo keys cannot be built (a locale past their term limit, typo-keys.ts) must
 * leave the partition as it was: still answering exactly like a fresh build, typos included.
 */
import { describe, expect, it, vi } from 'vitest';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { searchEntries } from '../../../common/search/entry-view';
import { buildTypoKeys } from '../../../common/search/typo-keys';
import { excerpt } from './helpers';

vi.mock('../../../common/search/typo-keys', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../common/search/typo-keys')>();
  return { ...actual, buildTypoKeys: vi.fn(actual.buildTypoKeys) };
});

const QUERIES = ['pasword', 'wireles', 'printer not working', 'bluetooth', 'screen brightnes', 'impr'];
const answers = (index: CuecardIndex) => QUERIES.map((query) => searchEntries(index, { query, locale: 'en' }));

describe('a failed merge', () => {
  it('leaves the partition answering as before, and a later merge still works', () => {
    const entries = excerpt().filter((e) => e.locale === 'en');
    const half = Math.floor(entries.length / 2);
    const index = new CuecardIndex();
    index.build(entries.slice(0, half));
    index.apply(entries.slice(half).map((entry) => ({ type: 'upsert' as const, entry })));
    const reference = new CuecardIndex();
    reference.build(entries);
    const expected = answers(reference);
    expect(answers(index)).toEqual(expected);

    const limit = new RangeError('typo keys address at most 4194304 terms per locale; this one has 4194305');
    vi.mocked(buildTypoKeys).mockImplementationOnce(() => {
      throw limit;
    });
    const unmerged = index.unmergedTerms;
    expect(() => index.compact()).toThrow(limit);
    expect(index.unmergedTerms).toBe(unmerged);
    expect(answers(index)).toEqual(expected);

    index.compact();
    expect(index.unmergedTerms).toBe(0);
    expect(answers(index)).toEqual(expected);
  });
});
