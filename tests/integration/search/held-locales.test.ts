/**
 * The app's SearchService with the agent's locales (issue #19): other locales' changes are held,
 * indexed when needed, in bounded background slices once the changes settle, and written to the
 * index file; a full sync from a real server leaves a non-chain locale searchable at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchService } from '../../../main/search/search-service';
import { openDatabase, type Database } from '../../../main/store/database';
import { KnowledgeStore } from '../../../main/store/knowledge-store';
import { entry, excerpt } from '../../unit/search/helpers';
import { failOnLog } from '../../helpers/logs';
import { openSyncClient, type SyncClient } from '../../helpers/sync-client';
import { article, publishLive, sqliteServer, type TestServer } from '../server/test-server';

const open: Array<{ close(): Promise<void> }> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const closable of open.splice(0).reverse()) await closable.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-held-'));
  dirs.push(dir);
  return dir;
}

async function setup(dir: string): Promise<{ db: Database; store: KnowledgeStore; indexDir: string }> {
  const { db } = await openDatabase({ file: path.join(dir, 'cuecard.db') });
  open.push(db);
  return { db, store: new KnowledgeStore(db), indexDir: path.join(dir, 'search-index') };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('SearchService with the agent locales first', () => {
  it('holds other locales, indexes them in slices of at most heldSlice per macrotask, then writes them all', async () => {
    const dir = tempDir();
    const { store, indexDir } = await setup(dir);
    const agent = { locale: 'en', fallbackLocales: [] as string[] };
    const search = await SearchService.start({ store, indexDir, agentLocales: () => agent, heldIdleMs: 0, heldSlice: 7, onError: failOnLog });
    const entries = excerpt();
    const notEn = entries.filter((e) => e.locale !== 'en').length;
    await store.upsertMany(entries);
    expect(search.heldChanges).toBe(notEn);
    expect(search.size).toBe(entries.length);
    const done = search.allLocalesIndexed();
    // One sample per macrotask while the background indexing runs.
    const seen: number[] = [];
    for (let held = search.heldChanges; held > 0; held = search.heldChanges) {
      seen.push(held);
      await nextTurn();
    }
    await done;
    expect(search.heldChanges).toBe(0);
    const steps = seen.slice(1).map((held, i) => (seen[i] as number) - held);
    expect(Math.max(...steps)).toBeLessThanOrEqual(7);
    expect(steps.reduce((a, b) => a + b, 0) + (seen.at(-1) as number)).toBe(notEn);
    expect(seen.length).toBeGreaterThanOrEqual(Math.ceil(notEn / 7));
    await search.close();

    // Written with every locale: an app without deferral loads it as it is and finds a German entry.
    const again = await SearchService.start({ store, indexDir, onError: failOnLog });
    expect(again.rebuilding).toBe(false);
    const de = entries.find((e) => e.locale === 'de')!;
    expect(again.get(de.id, 'de')?.title).toBe(de.title);
    await again.close();
  });

  it('writes held locales on close, and indexes the new chain at once when the agent switches language', async () => {
    const dir = tempDir();
    const { store, indexDir } = await setup(dir);
    const agent = { locale: 'en', fallbackLocales: [] as string[] };
    const search = await SearchService.start({ store, indexDir, agentLocales: () => agent, heldIdleMs: 600_000, onError: failOnLog });
    await store.upsertMany([
      entry({ id: 'a', locale: 'en', title: 'Printer jam' }),
      entry({ id: 'a', locale: 'de', title: 'Druckerstau' }),
      entry({ id: 'b', locale: 'fr', title: 'Bourrage papier' }),
    ]);
    expect(search.heldChanges).toBe(2);
    agent.locale = 'de';
    search.agentLocalesChanged();
    expect(search.heldChanges).toBe(1);
    expect(search.search({ query: 'druckerstau', locale: 'de', fallbackLocales: [] }).map((h) => h.id)).toEqual(['a']);
    await search.close();
    const again = await SearchService.start({ store, indexDir, onError: failOnLog });
    expect(again.rebuilding).toBe(false);
    expect(again.search({ query: 'bourrage', locale: 'fr', fallbackLocales: [] }).map((h) => `${h.id}@${h.locale}`)).toEqual(['b@fr']);
    await again.close();
  });

  it('finds an entry in a locale outside the chain right after a full sync from the server', async () => {
    const t: TestServer = await sqliteServer();
    open.push(t);
    const published = await publishLive(t, {
      entries: [
        article('one', 'en', { title: 'Lighthouse keeper' }),
        article('two', 'fr', { title: 'Gardien de phare' }),
        article('three', 'de', { title: 'Leuchtturmwärter' }),
        article('two', 'de', { title: 'Hafenmeister' }),
      ],
    });
    expect(published.status).toBe(200);
    const client: SyncClient = await openSyncClient(tempDir(), t.url, t.tokens.agent, {
      search: { agentLocales: () => ({ locale: 'en', fallbackLocales: [] }), heldIdleMs: 600_000 },
    });
    open.push(client);
    const result = await client.engine.syncNow();
    expect(result.ok).toBe(true);
    expect(client.search.heldChanges).toBe(3);
    expect(client.search.search({ query: 'leuchtturmwärter', locale: 'de', fallbackLocales: [] }).map((h) => `${h.id}@${h.locale}`)).toEqual(['three@de']);
    expect(client.search.search({ query: 'phare', locale: 'fr', fallbackLocales: [] }).map((h) => `${h.id}@${h.locale}`)).toEqual(['two@fr']);
    expect(client.search.heldChanges).toBe(0);
    expect(client.search.size).toBe(4);
  });
});
