import { describe, expect, it } from 'vitest';
import { readSynonymCsv } from '../../../common/synonyms/synonym-csv';

const file = (...lines: string[]) => ['locale,terms,one_way_to', ...lines].join('\n');

describe('synonym CSV (locale,terms,one_way_to)', () => {
  it('reads a group and a one-way rule, with their lines', () => {
    const read = readSynonymCsv(`\ufeff${file('en,refund;money back; reimbursement,', '', 'en,screen too dark,brightness')}\n`);
    expect(read.problems).toEqual([]);
    expect(read.rules).toEqual([
      { locale: 'en', terms: ['refund', 'money back', 'reimbursement'], oneWayTo: null },
      { locale: 'en', terms: ['screen too dark'], oneWayTo: 'brightness' },
    ]);
    expect(read.lines).toEqual([2, 4]);
  });

  it('reads quoted fields', () => {
    expect(readSynonymCsv(file('"fr","remboursement;""argent"" rendu",')).rules).toEqual([
      { locale: 'fr', terms: ['remboursement', '"argent" rendu'], oneWayTo: null },
    ]);
  });

  it('refuses a wrong header', () => {
    expect(readSynonymCsv('lang,words\nen,a;b,').problems).toEqual([{ line: 1, message: 'the header must be "locale,terms,one_way_to"' }]);
  });

  it('refuses empty groups, one-term groups, 10,000-word groups, script and cycles, each with its line', () => {
    const huge = Array.from({ length: 10_000 }, (_, i) => `word${i}`).join(';');
    const read = readSynonymCsv(
      file(
        'en,;;,',
        'en,alone,',
        `en,${huge},`,
        'en,<script>alert(1)</script>;refund,',
        'en,"=HYPERLINK(""x"");refund",',
        'en,a,b',
        'en,b,c',
        'en,c,a',
        'en,self;other,self',
        'xx-not a locale,a;b,',
        'en,a;b',
        'en,ok;fine,',
      ),
    );
    expect(read.problems).toEqual([
      { line: 2, message: 'an empty group: no terms' },
      { line: 3, message: 'a group needs at least two terms (or a one_way_to target)' },
      { line: 4, message: '10000 terms; a group holds at most 50' },
      { line: 5, message: 'the term "<script>alert(1)</script>" looks like markup or script, not words' },
      { line: 6, message: 'the term "=HYPERLINK("x")" starts like a spreadsheet formula (= + - @)' },
      { line: 9, message: '"c" → "a" closes a cycle: "a" → "b" → "c" → "a"' },
      { line: 10, message: '"self" leads to itself (a cycle)' },
      { line: 11, message: '"xx-not a locale" is not a locale such as en or pt-BR' },
      { line: 12, message: '2 fields; a line is locale,terms,one_way_to' },
    ]);
    expect(read.rules.at(-1)).toEqual({ locale: 'en', terms: ['ok', 'fine'], oneWayTo: null });
  });

  it('refuses a file whose quoting cannot be trusted, at the line where it breaks', () => {
    expect(readSynonymCsv(file('en,a;b,', 'en,"c;d,', 'en,e;f,')).problems).toEqual([
      { line: 4, message: 'not CSV this reader can trust: Quote Not Closed: the parsing is finished with an opening quote at line 4' },
    ]);
  });

  it('refuses a lone surrogate with its line', () => {
    expect(readSynonymCsv(file('en,a;b,', 'en,bad\ud800;c,')).problems).toEqual([
      { line: 3, message: 'the line is not well-formed Unicode (it contains a lone surrogate)' },
    ]);
  });

  it('refuses formulas and control characters', () => {
    const read = readSynonymCsv(file('en,"=1+1;x",', 'en,a\u202eb;c,'));
    expect(read.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(read.problems[0]?.message).toBe('the term "=1+1" starts like a spreadsheet formula (= + - @)');
  });
});
