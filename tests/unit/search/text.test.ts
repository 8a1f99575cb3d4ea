import { describe, expect, it } from 'vitest';
import { editDistance, foldWord, tokenize } from '../../../common/search/text';

describe('text processing', () => {
  it('folds case and diacritics, including letters NFD cannot split', () => {
    expect(foldWord('Café')).toBe('cafe');
    expect(foldWord('Straße')).toBe('strasse');
    expect(foldWord('Ça')).toBe('ca');
    expect(foldWord('Łódź')).toBe('lodz');
    expect(foldWord('ÅNGSTRÖM')).toBe('angstrom');
    expect(foldWord('Ελληνικά')).toBe('ελληνικα');
  });

  it('keeps Indic combining marks, which carry meaning', () => {
    expect(foldWord('प्रिंटर')).toBe('प्रिंटर');
  });

  it('splits Japanese and Chinese into overlapping bigrams with positions', () => {
    const tokens = tokenize('プリンターを設定');
    expect(tokens.map((t) => t.term)).toEqual(['プリ', 'リン', 'ンタ', 'ター', 'ーを', 'を設', '設定']);
    expect(tokens[6]).toMatchObject({ start: 6, end: 8, cjk: true });
    expect(tokenize('打印机').map((t) => t.term)).toEqual(['打印', '印机']);
  });

  it('separates Latin words glued to Japanese text', () => {
    expect(tokenize('Wi-Fiを設定').map((t) => t.term)).toEqual(['wi', 'fi', 'を設', '設定']);
  });

  it('adds the joined form of hyphenated words', () => {
    expect(tokenize('e-mail').map((t) => t.term)).toEqual(['mail', 'email']);
  });

  it('measures edits with transpositions counted once', () => {
    expect(editDistance('refnud', 'refund', 2)).toBe(1);
    expect(editDistance('shiping', 'shipping', 2)).toBe(1);
    expect(editDistance('pasword', 'password', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
