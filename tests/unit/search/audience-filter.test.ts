/**
 * The engine's audience filters (issue #17): `anyTags` (a bot token's tags: at least one), and a
 * filtered-out variant in a preferred locale never answering for its entry.
 */
import { describe, expect, it } from 'vitest';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { entry } from './helpers';

function built(): CuecardIndex {
  const index = new CuecardIndex();
  index.build([
    entry({ id: 'kb/refund', locale: 'en', kind: 'article', title: 'Refund policy', tags: ['public'] }),
    entry({ id: 'kb/refund', locale: 'fr', kind: 'article', title: 'Politique de refund', tags: ['internal'] }),
    entry({ id: 'kb/billing', locale: 'en', kind: 'article', title: 'Refund billing', tags: ['billing'] }),
    entry({ id: 'kb/secret', locale: 'en', kind: 'article', title: 'Refund secrets', tags: ['internal'] }),
    entry({ id: 'kb/kinds', locale: 'fr', kind: 'template', title: 'Refund modèle', tags: ['public'] }),
    entry({ id: 'kb/kinds', locale: 'en', kind: 'article', title: 'Refund kinds', tags: ['public'] }),
  ]);
  return index;
}
const hits = (index: CuecardIndex, extra: Record<string, unknown>) =>
  index.search({ query: 'refund', locale: 'fr', fallbackLocales: ['en'], limit: 10, ...extra }).map((h) => `${h.id}/${h.locale}`).sort();

describe('audience filters', () => {
  it('keeps entries carrying at least one of anyTags', () => {
    const index = built();
    expect(hits(index, { anyTags: ['public'] })).toEqual(['kb/kinds/fr', 'kb/refund/en']);
    expect(hits(index, { anyTags: ['public', 'billing'] })).toEqual(['kb/billing/en', 'kb/kinds/fr', 'kb/refund/en']);
    expect(hits(index, { anyTags: ['nobody'] })).toEqual([]);
  });

  it('answers with the fallback variant when the preferred one is filtered out by tags or kind', () => {
    const index = built();
    // The French kb/refund is internal: a public audience gets the English variant, not the French one.
    expect(hits(index, { anyTags: ['public'] })).toContain('kb/refund/en');
    // kb/kinds is a template in French and an article in English: an article search answers in English.
    expect(hits(index, { kind: 'article' })).toEqual(['kb/billing/en', 'kb/kinds/en', 'kb/refund/fr', 'kb/secret/en']);
  });

  it('forgets a cached tag filter when entries change', () => {
    const index = built();
    expect(hits(index, { anyTags: ['billing'] })).toEqual(['kb/billing/en']);
    index.apply([{ type: 'upsert', entry: entry({ id: 'kb/more', locale: 'en', kind: 'article', title: 'Refund more', tags: ['billing'] }) }]);
    expect(hits(index, { anyTags: ['billing'] })).toEqual(['kb/billing/en', 'kb/more/en']);
    index.apply([{ type: 'remove', id: 'kb/billing', locale: 'en' }]);
    expect(hits(index, { anyTags: ['billing'] })).toEqual(['kb/more/en']);
  });
});
