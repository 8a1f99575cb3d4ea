/** SearchService over a real sqlite3 store: persisted index, background rebuild, incremental changes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchService } from '../../../main/search/search-service';
import { openDatabase, type Database } from '../../../main/store/database';
import { KnowledgeStore } from '../../../main/store/knowledge-store';
import { entry, excerpt } from '../../unit/search/helpers';
import { failOnLog } from '../../helpers/logs';

const open: Database[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function setup(dir: string) {
  const { db } = await openDatabase({ file: path.join(dir, 'cuecard.db') });
  open.push(db);
  return { db, store: new KnowledgeStore(db), indexDir: path.join(dir, 'search-index') };
}

describe('SearchService', () => {
  it('builds, persists, loads at the same version and rebuilds in the background when stale', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-search-'));
    dirs.push(dir);
    const before = await setup(dir);
    const { store: firstStore } = before;
    await firstStore.upsertMany(excerpt());

    const first = await SearchService.start({ store: firstStore, indexDir: before.indexDir, rebuildChunk: 25, onError: failOnLog });
    expect(first.rebuilding).toBe(true);
    await first.ready;
    expect(first.size).toBe(excerpt().length);
    expect(fs.existsSync(path.join(before.indexDir, 'search-index.bin'))).toBe(true);
    // Incremental: a committed change is searchable at once.
    await firstStore.upsertMany([entry({ id: 't/new', title: 'Zanzibar shipping rates' })]);
    expect(first.search({ query: 'zanzibar', locale: 'en' })[0]?.id).toBe('t/new');
    await first.close();
    await before.db.close();
    open.length = 0;

    const { store, indexDir } = await setup(dir);
    const second = await SearchService.start({ store, indexDir, onError: failOnLog });
    expect(second.rebuilding).toBe(false); // persisted on close at the current version
    expect(second.search({ query: 'zanzibar', locale: 'en' })[0]?.id).toBe('t/new');
    await second.close();

    // The store changes behind the index's back (e.g. another process): stale → rebuild.
    await store.upsertMany([entry({ id: 't/other', title: 'Quokka insurance' })]);
    const third = await SearchService.start({ store, indexDir, rebuildChunk: 10, onError: failOnLog });
    expect(third.rebuilding).toBe(true);
    // While rebuilding, searches answer from the old persisted index.
    expect(third.search({ query: 'zanzibar', locale: 'en' })[0]?.id).toBe('t/new');
    await store.remove('t/new', 'en'); // a change during the rebuild is not lost
    await third.ready;
    expect(third.rebuilding).toBe(false);
    expect(third.search({ query: 'quokka', locale: 'en' })[0]?.id).toBe('t/other');
    expect(third.search({ query: 'zanzibar', locale: 'en' })).toEqual([]);
    expect(third.get('t/other', 'en')?.title).toBe('Quokka insurance');
    await third.close();
  });
});

describe('SearchService hits across keystrokes (issue #19: entries kept between searches)', () => {
  it('never shows an entry as it was before the store changed it, whether the index is in memory or in its file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-search-'));
    dirs.push(dir);
    const { store, indexDir } = await setup(dir);
    await store.upsertMany([entry({ id: 't/ship', kind: 'article', title: 'Shipping rates', body: 'Parcels to **Zanzibar** cost more.' })]);
    const view = (s: SearchService) => s.search({ query: 'shipping', locale: 'en' }).map((h) => [h.title, h.snippet]);

    const first = await SearchService.start({ store, indexDir, onError: failOnLog });
    await first.ready;
    expect(view(first)).toEqual([['Shipping rates', 'Parcels to Zanzibar cost more.']]);
    await store.upsertMany([entry({ id: 't/ship', kind: 'article', title: 'Shipping rates 2027', body: 'Parcels to _Pemba_ too.' })]);
    expect(view(first)).toEqual([['Shipping rates 2027', 'Parcels to Pemba too.']]);
    expect(first.get('t/ship', 'en')?.title).toBe('Shipping rates 2027');
    await first.close();

    // Loaded from its file: entries are read from disk; a change after a search is still seen.
    const second = await SearchService.start({ store, indexDir, onError: failOnLog });
    expect(second.rebuilding).toBe(false);
    expect(view(second)).toEqual([['Shipping rates 2027', 'Parcels to Pemba too.']]);
    await store.upsertMany([entry({ id: 't/ship', kind: 'article', title: 'Shipping rates 2028', body: 'Parcels to Mafia island.' })]);
    expect(view(second)).toEqual([['Shipping rates 2028', 'Parcels to Mafia island.']]);
    await store.remove('t/ship', 'en');
    expect(view(second)).toEqual([]);
    expect(second.get('t/ship', 'en')).toBeUndefined();
    await second.close();
  });
});
