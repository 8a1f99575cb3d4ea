/**
 * Query expansion by the organisation's synonyms (issue #18): groups and one-way rules, phrases,
 * locales, and the rule that an entry found only through an expansion never passes an exact match.
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../common/knowledge';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { SynonymExpansion } from '../../../common/search/query-expansion';
import { SYNONYM_WEIGHT } from '../../../common/search/ranking-params';
import type { SynonymRule } from '../../../common/synonyms/synonym-rules';
import { entry } from './helpers';

function built(entries: KnowledgeEntry[], rules: SynonymRule[]): CuecardIndex {
  const index = new CuecardIndex();
  index.build(entries);
  index.expansion = new SynonymExpansion(rules, SYNONYM_WEIGHT);
  return index;
}
const ids = (index: CuecardIndex, query: string, locale = 'en') => index.search({ query, locale }).map((h) => h.id);

const KB = [
  entry({ id: 'refunds', title: 'Refunds for cancelled orders', body: 'We pay the amount within five days.' }),
  entry({ id: 'brightness', title: 'Set screen brightness', body: 'Use the slider in the top bar.' }),
  entry({ id: 'shipping', title: 'Shipping times', body: 'Parcels arrive in two days.' }),
  entry({ id: 'autostart', title: 'Have applications start automatically', body: 'Add them to the list.' }),
  entry({ id: 'start-menu', title: 'Start applications', body: 'Press the key.' }),
];

describe('query expansion by synonyms', () => {
  it('finds nothing without the rule, and the entry through a group in either direction', () => {
    expect(ids(built(KB, []), 'money back ')).toEqual([]);
    const index = built(KB, [{ locale: 'en', terms: ['refund', 'money back', 'reimbursement'], oneWayTo: null }]);
    expect(ids(index, 'money back ')).toEqual(['refunds']);
    expect(ids(index, 'reimbursement ')).toEqual(['refunds']);
  });

  it('applies a one-way rule one way only', () => {
    const index = built(
      [...KB, entry({ id: 'too-dark', title: 'Why is the room too dark on camera', body: 'Light it.' })],
      [{ locale: 'en', terms: ['screen too dark'], oneWayTo: 'brightness' }],
    );
    expect(ids(index, 'screen too dark ')[0]).toBe('brightness');
    expect(ids(index, 'brightness ')).toEqual(['brightness']);
  });

  it('applies a language rule to its regional locales, and a regional rule only there', () => {
    const kb = [entry({ id: 'refunds-gb', locale: 'en-GB', title: 'Refunds for cancelled orders', body: 'Paid in five days.' })];
    expect(ids(built(kb, [{ locale: 'en', terms: ['refund', 'money back'], oneWayTo: null }]), 'money back ', 'en-GB')).toEqual(['refunds-gb']);
    expect(ids(built(kb, [{ locale: 'en-US', terms: ['refund', 'money back'], oneWayTo: null }]), 'money back ', 'en-GB')).toEqual([]);
  });

  it('asks for every word of a phrase target: "launch programs" → "start automatically"', () => {
    const index = built(KB, [{ locale: 'en', terms: ['launch programs'], oneWayTo: 'start automatically' }]);
    expect(ids(index, 'launch programs ')[0]).toBe('autostart');
  });

  it('never lets an entry found only through a synonym pass an entry matching the words as typed', () => {
    const kb = [
      // Matches "money back" as typed, in the body only: a weak exact match.
      entry({ id: 'exact-weak', title: 'Gift cards', body: 'Gift cards give no money back once they are used.' }),
      // Matches only through the synonym, in the title: strong, but no exact match.
      entry({ id: 'synonym-strong', title: 'Refund', body: 'Refund refund.' }),
    ];
    const index = built(kb, [{ locale: 'en', terms: ['refund', 'money back'], oneWayTo: null }]);
    const hits = index.search({ query: 'money back ', locale: 'en' });
    expect(hits.map((h) => h.id)).toEqual(['exact-weak', 'synonym-strong']);
    expect(hits[1]?.score).toBeLessThan(hits[0]?.score as number);
  });

  it('highlights the synonym found in the title', () => {
    const index = built(KB, [{ locale: 'en', terms: ['refund', 'money back'], oneWayTo: null }]);
    expect(index.search({ query: 'money back ', locale: 'en' })[0]?.titleHighlights).toEqual([[0, 7]]);
  });
});
