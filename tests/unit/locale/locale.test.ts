import { describe, expect, it } from 'vitest';
import { canonicalLocale, localeChain } from '../../../common/locale';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { entry } from '../search/helpers';

describe('locale tags and the fallback chain', () => {
  it('reads en_US as en-US, in BCP 47 case', () => {
    expect(canonicalLocale('en_US')).toBe('en-US');
    expect(canonicalLocale('EN-gb')).toBe('en-GB');
    expect(canonicalLocale('zh_hant_tw')).toBe('zh-Hant-TW');
    expect(canonicalLocale('es_419')).toBe('es-419');
    expect(canonicalLocale('sr-latn')).toBe('sr-Latn');
    expect(canonicalLocale('fr')).toBe('fr');
  });

  it('puts the regional variants the knowledge base holds after their language', () => {
    const available = ['fr-CA', 'en-US', 'en', 'en-GB', 'pt-PT', 'de'];
    expect(localeChain('en', ['en'], available)).toEqual(['en', 'en-GB', 'en-US']);
    expect(localeChain('fr', ['en'], available)).toEqual(['fr', 'fr-CA', 'en', 'en-GB', 'en-US']);
    expect(localeChain('pt_BR', ['en'], available)).toEqual(['pt-BR', 'pt', 'pt-PT', 'en', 'en-GB', 'en-US']);
    expect(localeChain('pt-BR', ['en'])).toEqual(['pt-BR', 'pt', 'en']);
  });

  it('lets an agent on en find en-US and en-GB entries after the exact locale, marked as fallback', () => {
    const index = new CuecardIndex();
    index.build([
      entry({ id: 'refund/us', locale: 'en-US', title: 'Refund policy (US)', body: 'refund within 30 days' }),
      entry({ id: 'refund/uk', locale: 'en-GB', title: 'Refund policy (UK)', body: 'refund within 14 days' }),
      entry({ id: 'refund/all', locale: 'en', title: 'Refund policy', body: 'refund rules' }),
      entry({ id: 'refund/ca', locale: 'fr-CA', title: 'Remboursement', body: 'remboursement refund' }),
    ]);
    const hits = index.search({ query: 'refund', locale: 'en' }).map((h) => [h.id, h.locale, h.fallback]);
    expect(hits).toEqual([
      ['refund/all', 'en', false],
      ['refund/uk', 'en-GB', true],
      ['refund/us', 'en-US', true],
    ]);
    const french = index.search({ query: 'remboursement', locale: 'fr' }).map((h) => [h.id, h.locale, h.fallback]);
    expect(french).toEqual([['refund/ca', 'fr-CA', true]]);
  });
});
