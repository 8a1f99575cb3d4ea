import { describe, expect, it } from 'vitest';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { searchEntries } from '../../../common/search/entry-view';
import { MAX_USAGE_BOOST } from '../../../common/search/ranking-params';
import { UsageBoost } from '../../../common/search/usage-boost';
import { entry, excerpt, templates } from './helpers';

function built(entries = templates()): CuecardIndex {
  const index = new CuecardIndex();
  index.build(entries);
  return index;
}
const ids = (index: CuecardIndex, query: string, locale = 'en', extra = {}) =>
  index.search({ query, locale, ...extra }).map((h) => h.id);

describe('CuecardIndex relevance', () => {
  it('finds words with one or two typos when there is no exact hit', () => {
    const index = built();
    expect(ids(index, 'refnud')[0]).toBe('t/refund');
    expect(ids(index, 'shiping times')[0]).toBe('t/shipping');
    expect(ids(index, 'pasword reset')[0]).toBe('t/password');
    expect(ids(index, 'subscribtion')[0]).toBe('t/cancel-sub');
  });

  it('does not let typo neighbours drown an exact hit', () => {
    const index = built([...templates(), entry({ id: 't/typo', title: 'Refudn notes', body: 'rfund' })]);
    const hits = ids(index, 'refund');
    // Only the two exact hits: the typo neighbour does not come in at all (their order is a tie).
    expect([...hits].sort()).toEqual(['t/refund', 't/refund-late']);
  });

  it('lets function words count little, so they do not outweigh content words', () => {
    const index = built([
      entry({ id: 'sharing', title: 'Control sharing over Bluetooth', body: 'Other devices can send files to you.' }),
      entry({ id: 'send', title: 'Send files to a Bluetooth device', body: 'Pair the device first.' }),
      ...['Printer queue', 'Screen lock', 'Keyboard layout'].map((title, i) =>
        entry({ id: `other-${i}`, title, body: 'Hover over the icon and click it.' }),
      ),
    ]);
    expect(ids(index, 'send files over bluetooth ')[0]).toBe('send');
    // A query made only of function words still finds them.
    expect(ids(index, 'over ')[0]).toBe('sharing');
  });

  it('matches the last word as a prefix while typing, earlier words whole', () => {
    const index = built();
    expect(ids(index, 'cancel subs')[0]).toBe('t/cancel-sub');
    expect([...ids(index, 'ref')].sort()).toEqual(['t/refund', 't/refund-late']);
    // "ship" is typed completely (a space follows), so it no longer matches "shipping" as a prefix.
    expect(ids(index, 'deliv')[0]).toBe('t/address');
  });

  it('ranks all words across title and body above some words', () => {
    const index = built();
    const hits = ids(index, 'cancel shipping code');
    expect(hits).toEqual(['t/cancel-order', 't/shipping', 't/cancel-sub']);
  });

  it('folds diacritics both ways', () => {
    const index = built();
    expect(ids(index, 'strasse', 'de')).toEqual(['t/strasse']);
    expect(ids(index, 'bienvenüe', 'fr')).toEqual(['t/welcome']);
    expect(ids(index, 'contacte', 'fr')).toEqual(['t/welcome']);
  });

  it('finds Japanese entries with bigram matching, including a one-character prefix', () => {
    const index = built(excerpt());
    expect(ids(index, 'パスワード変更', 'ja')[0]).toBe('gnome-help/user-changepassword');
    expect(ids(index, '紙詰まり', 'ja')[0]).toBe('gnome-help/printing-paperjam');
    expect(ids(index, '紙', 'ja')).toEqual(['gnome-help/printing-paperjam', 'gnome-help/printing-cancel-job']);
  });

  it('searches a regional variant that arrives after a question was asked in its language (the chain is not kept stale)', () => {
    const index = built([entry({ id: 'k/printer', locale: 'en', title: 'Printer jams' })]);
    // Asked in pt while only English is held: the chain is pt → en.
    expect(index.search({ query: 'printer', locale: 'pt' }).map((h) => `${h.id}/${h.locale}`)).toEqual(['k/printer/en']);
    // A pt-BR variant arrives: pt's chain now holds it (pt → pt-BR → en), before English.
    index.apply([{ type: 'upsert', entry: entry({ id: 'k/printer', locale: 'pt-BR', title: 'Printer encravada' }) }]);
    expect(index.search({ query: 'printer', locale: 'pt' }).map((h) => `${h.id}/${h.locale}`)).toEqual(['k/printer/pt-BR']);
  });

  it('searches the locale chain, preferring the agent locale, never duplicating an entry', () => {
    const index = built(excerpt());
    const hits = index.search({ query: 'som', locale: 'pt-BR', limit: 50 });
    const seen = hits.map((h) => h.id);
    expect(new Set(seen).size).toBe(seen.length);
    const nosound = hits.find((h) => h.id === 'gnome-help/sound-nosound');
    expect(nosound).toMatchObject({ locale: 'pt-BR', fallback: false });
    // sound-crackle has no pt-BR variant in the excerpt: it comes from pt, marked as fallback.
    const crackle = index.search({ query: 'crack', locale: 'pt-BR' }).find((h) => h.id === 'gnome-help/sound-crackle');
    expect(crackle).toMatchObject({ locale: 'pt', fallback: true });
    // mouse-lefthanded exists in neither pt-BR nor pt: the English one answers.
    const mouse = index.search({ query: 'left-handed', locale: 'pt-BR', limit: 50 }).find((h) => h.id === 'gnome-help/mouse-lefthanded');
    expect(mouse).toMatchObject({ id: 'gnome-help/mouse-lefthanded', locale: 'en', fallback: true });
    // Among complete matches the agent's own locale ranks before fallbacks.
    const tiers = hits.slice(0, 5).map((h) => (h.locale === 'pt-BR' ? 0 : h.locale === 'pt' ? 1 : 2));
    expect([...tiers].sort((a, b) => a - b)).toEqual(tiers);
  });

  it('filters by kind and tag', () => {
    const index = built([...templates(), entry({ id: 'a/refund', kind: 'article', title: 'Refund article', tags: ['billing'] })]);
    expect(ids(index, 'refund', 'en', { kind: 'article' })).toEqual(['a/refund']);
    expect(ids(index, 'refund', 'en', { kind: 'template', tags: ['billing'] }).sort()).toEqual(['t/refund', 't/refund-late']);
    expect(ids(index, 'cancel', 'en', { tags: ['orders'] })).toEqual(['t/cancel-order']);
  });

  it('returns highlight ranges into the title and the snippet', () => {
    const index = built();
    const [hit] = searchEntries(index, { query: 'shipping cod', locale: 'en' });
    expect(hit?.id).toBe('t/cancel-order');
    const marked = hit!.snippetHighlights.map(([s, e]) => hit!.snippet.slice(s, e));
    expect(marked).toEqual(['shipping', 'code']);
    const [refund] = searchEntries(index, { query: 'refnud', locale: 'en' });
    expect(refund!.titleHighlights.map(([s, e]) => refund!.title.slice(s, e))).toEqual(['Refund']);
  });

  it('lets usage reorder near-equal matches but not beat a clearly better one', () => {
    const twins = [
      entry({ id: 'a', title: 'Refund status', body: 'Where is my refund.' }),
      entry({ id: 'b', title: 'Refund status', body: 'Where is my refund.' }),
      entry({ id: 'c', title: 'Shipping', body: 'A refund may be possible.' }),
    ];
    const index = built(twins);
    const usage = new UsageBoost([], () => new Date('2026-02-01T00:00:00Z'));
    index.usage = usage;
    for (let i = 0; i < 50; i += 1) usage.record('b', 'en');
    for (let i = 0; i < 50; i += 1) usage.record('c', 'en');
    expect(ids(index, 'refund status')).toEqual(['b', 'a', 'c']);
    // 50 uses saturate the signal: the boost is at its cap, and still c does not pass a and b.
    expect(usage.boost('b', 'en')).toBe(MAX_USAGE_BOOST);
  });

  it('shows recently used entries for an empty query', () => {
    const index = built();
    const usage = new UsageBoost([{ id: 't/shipping', locale: 'en', count: 3, lastUsedAt: new Date().toISOString() }]);
    index.usage = usage;
    expect(ids(index, '')).toEqual(['t/shipping']);
  });
});
