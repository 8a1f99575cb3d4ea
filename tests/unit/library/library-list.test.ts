import { describe, expect, it } from 'vitest';
import type { LibraryRow } from '../../../common/library-contract';
import { NO_FILTERS, filterChoices, visibleRows } from '../../../common/library-list';

const row = (id: string, extra: Partial<LibraryRow> = {}): LibraryRow => ({
  id, locale: 'en', kind: 'article', title: id, state: 'approved', version: 1, owner: 'ana', author: 'ana', tags: [],
  updatedAt: '2026-01-01T00:00:00.000Z', verificationDueAt: null, due: false, flagged: false, stale: false, unsaved: false, ...extra,
});

const rows = [
  row('b', { title: 'Bravo', state: 'draft', owner: 'bo', tags: ['billing'], updatedAt: '2026-03-01T00:00:00.000Z' }),
  row('a', { title: 'alpha', kind: 'template', due: true, verificationDueAt: '2026-02-01T00:00:00.000Z' }),
  row('c', { title: 'Charlie', locale: 'de', flagged: true, stale: true, tags: ['billing', 'vpn'], verificationDueAt: '2026-01-15T00:00:00.000Z' }),
];
const ids = (list: LibraryRow[]) => list.map((r) => `${r.id}/${r.locale}`);

describe('Library list', () => {
  it('sorts by title case-insensitively without a search, and by each column both ways', () => {
    expect(ids(visibleRows(rows, NO_FILTERS, 'relevance', false, null))).toEqual(['a/en', 'b/en', 'c/de']);
    expect(ids(visibleRows(rows, NO_FILTERS, 'updated', true, null))).toEqual(['b/en', 'c/de', 'a/en']);
    expect(ids(visibleRows(rows, NO_FILTERS, 'due', false, null))).toEqual(['c/de', 'a/en', 'b/en']);
    expect(ids(visibleRows(rows, NO_FILTERS, 'owner', false, null))).toEqual(['c/de', 'a/en', 'b/en']); // ties by (locale, id)
  });

  it('applies every filter', () => {
    const only = (f: Partial<typeof NO_FILTERS>) => ids(visibleRows(rows, { ...NO_FILTERS, ...f }, 'title', false, null));
    expect(only({ state: 'draft' })).toEqual(['b/en']);
    expect(only({ kind: 'template' })).toEqual(['a/en']);
    expect(only({ locale: 'de' })).toEqual(['c/de']);
    expect(only({ owner: 'bo' })).toEqual(['b/en']);
    expect(only({ tag: 'billing' })).toEqual(['b/en', 'c/de']);
    expect(only({ due: true })).toEqual(['a/en']);
    expect(only({ flagged: true, stale: true })).toEqual(['c/de']);
    expect(only({ tag: 'vpn', state: 'draft' })).toEqual([]);
  });

  it('keeps the search’s rank order for relevance and drops hits the filters exclude or that are unknown', () => {
    const ranked = [{ id: 'c', locale: 'de' }, { id: 'zz', locale: 'en' }, { id: 'b', locale: 'en' }];
    expect(ids(visibleRows(rows, NO_FILTERS, 'relevance', false, ranked))).toEqual(['c/de', 'b/en']);
    expect(ids(visibleRows(rows, { ...NO_FILTERS, state: 'draft' }, 'relevance', false, ranked))).toEqual(['b/en']);
    expect(ids(visibleRows(rows, NO_FILTERS, 'title', false, ranked))).toEqual(['b/en', 'c/de']);
  });

  it('offers the locales, owners and tags present', () => {
    expect(filterChoices(rows)).toEqual({ locales: ['de', 'en'], owners: ['ana', 'bo'], tags: ['billing', 'vpn'] });
  });
});
