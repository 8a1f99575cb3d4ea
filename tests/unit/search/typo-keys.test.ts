/**
 * Typo keys pack hash31 × 2^22 + term id into a float64 (53 bits): the last addressable term id
 * must still come back exactly, and one term more must be refused rather than spill into the hash.
 */
import { describe, expect, it } from 'vitest';
import { addTypoCandidates, buildTypoKeys, TYPO_KEY_TERM_LIMIT } from '../../../common/search/typo-keys';

describe('typo keys', () => {
  it('find the last term id the packing can address', () => {
    // One-letter terms get no keys (too short for typos): only the last id has any.
    const terms = new Array<string>(TYPO_KEY_TERM_LIMIT).fill('a');
    terms[TYPO_KEY_TERM_LIMIT - 1] = 'printer';
    const keys = buildTypoKeys(terms, terms.length);
    expect(keys.length).toBe('printer'.length + 1);
    const found = new Set<number>();
    addTypoCandidates(keys, 'priter', found);
    expect([...found]).toEqual([TYPO_KEY_TERM_LIMIT - 1]);
  });

  it('refuse one term more than the packing can address', () => {
    const terms = new Array<string>(TYPO_KEY_TERM_LIMIT + 1).fill('a');
    expect(() => buildTypoKeys(terms, terms.length)).toThrow(
      new RangeError(`typo keys address at most ${TYPO_KEY_TERM_LIMIT} terms per locale; this one has ${TYPO_KEY_TERM_LIMIT + 1}`),
    );
  });
});
