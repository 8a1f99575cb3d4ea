/**
 * Changes applied one sync page at a time land in the index's fresh layer, whose terms prefix and
 * typo lookups scan one by one; SearchService merges it once it has grown, when changes pause.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { searchEntries } from '../../../common/search/entry-view';
import { loadIndex, saveIndex } from '../../../common/search/persist';
import { SearchService } from '../../../main/search/search-service';
import { openDatabase, type Database } from '../../../main/store/database';
import { KnowledgeStore } from '../../../main/store/knowledge-store';
import { entry, excerpt } from '../../unit/search/helpers';
import { failOnLog } from '../../helpers/logs';

const open: Database[] = [];
const dirs: string[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const db of open.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const QUERIES = ['wifi', 'pasword', 'printer not working', 'bluetooth', 'screen brightnes', 'kopf', 'impr'];

describe('SearchService compaction', () => {
  it('merges a large incremental load once changes pause, answering exactly as a fresh build', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-compact-'));
    dirs.push(dir);
    const { db } = await openDatabase({ file: path.join(dir, 'cuecard.db') });
    open.push(db);
    const store = new KnowledgeStore(db);
    const service = await SearchService.start({ store, indexDir: path.join(dir, 'index'), compactIdleMs: 20, onError: failOnLog });
    await service.ready;
    // The quiet-time timer runs on a fake clock: the test moves time on instead of sleeping.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    const entries = excerpt();
    for (let i = 0; i < entries.length; i += 40) await store.upsertMany(entries.slice(i, i + 40)); // like sync pages
    expect(service.unmergedTerms).toBeGreaterThan(256);
    const reference = new CuecardIndex();
    reference.build(entries);
    const before = QUERIES.map((query) => service.search({ query, locale: 'en' }));

    vi.advanceTimersByTime(19);
    expect(service.unmergedTerms).toBeGreaterThan(256);
    vi.advanceTimersByTime(1);
    expect(service.unmergedTerms).toBe(0);
    const after = QUERIES.map((query) => service.search({ query, locale: 'en' }));
    expect(after).toEqual(before);
    expect(after).toEqual(QUERIES.map((query) => searchEntries(reference, { query, locale: 'en' })));

    // A trickle of small changes stays in the fresh layer (a merge would cost more than it saves).
    await store.upsertMany([entry({ id: 't/one', title: 'Zanzibar shipping rates' })]);
    vi.advanceTimersByTime(60_000);
    expect(service.unmergedTerms).toBe(3);
    expect(service.search({ query: 'zanzib', locale: 'en' })[0]?.id).toBe('t/one');
    await service.close();
  });

  it('merges postings of an index loaded from disk without pulling its entries into memory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-compact-'));
    dirs.push(dir);
    const entries = excerpt();
    const half = Math.floor(entries.length / 2);
    const first = new CuecardIndex();
    first.build(entries.slice(0, half));
    saveIndex(first, dir, 1);
    first.releaseFile();
    const loaded = loadIndex(dir)?.index as CuecardIndex;
    loaded.apply(entries.slice(half).map((entry) => ({ type: 'upsert' as const, entry })));
    expect(loaded.compactionNeed).not.toBe('none');
    const onDisk = loaded.localesWithEntriesInFile();
    // The locales of the half that was saved; ja, pt and pt-BR come only with the second half, in memory.
    expect([...onDisk].sort()).toEqual(['de', 'en', 'es', 'fr']);

    loaded.compact();
    expect(loaded.unmergedTerms).toBe(0);
    for (const locale of onDisk) expect(loaded.localesWithEntriesInFile()).toContain(locale); // entry text stays in the file
    const reference = new CuecardIndex();
    reference.build(entries);
    for (const query of QUERIES) expect(loaded.search({ query, locale: 'en' })).toEqual(reference.search({ query, locale: 'en' }));
    loaded.releaseFile();
  });

  it('reports a merge that fails (a locale past the typo keys\' term limit) and keeps answering', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-compact-'));
    dirs.push(dir);
    const { db } = await openDatabase({ file: path.join(dir, 'cuecard.db') });
    open.push(db);
    const store = new KnowledgeStore(db);
    const failure = new RangeError('typo keys address at most 4194304 terms per locale; this one has 4194305');
    let reported: (error: unknown) => void = () => undefined;
    const errors = new Promise<unknown>((resolve) => (reported = resolve));
    const service = await SearchService.start({ store, indexDir: path.join(dir, 'index'), compactIdleMs: 20, onError: (e) => reported(e) });
    await service.ready;
    const compact = vi.spyOn(CuecardIndex.prototype, 'compact').mockImplementation(() => {
      throw failure;
    });
    try {
      const entries = excerpt();
      for (let i = 0; i < entries.length; i += 40) await store.upsertMany(entries.slice(i, i + 40));
      expect(await errors).toBe(failure);
      expect(service.unmergedTerms).toBeGreaterThan(256);
      compact.mockRestore();
      const reference = new CuecardIndex();
      reference.build(entries);
      for (const query of QUERIES) expect(service.search({ query, locale: 'en' })).toEqual(searchEntries(reference, { query, locale: 'en' }));
    } finally {
      compact.mockRestore();
    }
    await service.close();
  });
});
