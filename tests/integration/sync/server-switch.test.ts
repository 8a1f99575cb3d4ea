/**
 * Another server (Settings or policy changed the URL), a new epoch (a restored or replaced
 * server) or the agent's "Resync from scratch": the client pulls the whole log into staging and
 * replaces its entries in one switch. The old entries stay searchable until then.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../common/knowledge';
import { startHostileServer, testEntry, type HostileServer } from './hostile-server';
import { openClient, waitUntil, type TestClient } from './sync-client';

const entries = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => testEntry(`${prefix}${i}`));
const ids = (list: ReadonlyArray<{ id: string }>) => list.map((e) => e.id).sort();

describe('switching servers and epochs', () => {
  let a: HostileServer;
  let b: HostileServer;
  let c: TestClient;
  let serverUrl: string;

  beforeEach(async () => {
    a = await startHostileServer({ epoch: 'epoch-a' });
    b = await startHostileServer({ epoch: 'epoch-b' });
    a.publish(entries('a', 30));
    // b also has a5, in another version: it must end up as b's.
    b.publish([...entries('b', 25), { ...testEntry('a5', 7), body: 'a5 as server b has it' }]);
    serverUrl = a.url;
    c = await openClient('unused', 'agent-token', {
      pageSize: 10,
      requestTimeoutMs: 2000,
      config: () => ({ serverUrl, token: 'agent-token' }),
    });
    expect(await c.engine.syncNow()).toMatchObject({ ok: true, cursor: 30 });
  });
  afterEach(async () => {
    await c.close();
    await a.close();
    await b.close();
  });

  async function expectExactly(server: HostileServer, epoch: string): Promise<void> {
    expect(ids(await c.store.all())).toEqual(ids(server.log.map((l) => l.entry)));
    expect(await c.meta.get('sync.epoch')).toBe(epoch);
    expect(await c.meta.get('sync.cursor')).toBe(server.log.length);
    expect(await c.meta.get('sync.server')).toBe(server.url);
    expect(await c.meta.get('sync.staging')).toBe(null);
    expect(await c.db.reader.query('SELECT COUNT(*) AS n FROM staged_entries')).toEqual([{ n: 0 }]);
    // The search index follows the swap: old entries gone, new ones found.
    for (const { entry } of server.log) expect(c.search.get(entry.id, 'en')?.version).toBe(entry.version);
  }

  it('a new server URL: old entries stay searchable until the new full sync is committed, then go', async () => {
    serverUrl = b.url;
    b.attack = { kind: 'gap' };
    b.attackFrom = 10; // the first staged page arrives, the second is refused
    const failed = await c.engine.syncNow();
    expect(failed.ok ? '' : failed.error).toBe('sequence gap: items.1 has seq 13, expected 12');
    expect(ids(await c.store.all())).toEqual(ids(a.log.map((l) => l.entry)));
    expect(c.search.get('a1', 'en')?.title).toBe('Title a1');
    expect(c.search.get('b0', 'en')).toBeUndefined();
    expect(await c.meta.get('sync.staging')).toEqual({ server: b.url, cursor: 10, epoch: 'epoch-b' });

    b.attack = { kind: 'none' };
    b.afters.length = 0;
    expect(await c.engine.syncNow()).toMatchObject({ ok: true, cursor: 26 });
    expect(b.afters).toEqual([10, 20]); // resumed where staging stopped
    await expectExactly(b, 'epoch-b');
    expect(c.search.get('a1', 'en')).toBeUndefined();
    expect((await c.store.get('a5', 'en'))?.body).toBe('a5 as server b has it');
  });

  it('a new epoch on the same URL (a restored server) replaces the entries', async () => {
    const restored: KnowledgeEntry[] = [...entries('a', 12), ...entries('r', 3)];
    a.replaceLog('epoch-restored', restored);
    expect(await c.engine.syncNow()).toMatchObject({ ok: true, cursor: 15 });
    await expectExactly(a, 'epoch-restored');
    expect(c.search.get('a20', 'en')).toBeUndefined();
  });

  it('a new epoch announced on the event stream is followed live', async () => {
    await c.engine.start();
    await waitUntil(() => (a.requests['/v1/events'] ?? 0) === 1 && c.engine.status().state === 'online', 5000, 'online');
    a.replaceLog('epoch-restored', entries('r', 4));
    await waitUntil(async () => (await c.meta.get('sync.epoch')) === 'epoch-restored', 5000, 'the new epoch');
    await expectExactly(a, 'epoch-restored');
  });

  it('"Resync from scratch" replaces whatever the client has with the server log', async () => {
    await c.store.upsertMany([testEntry('stray')]);
    await c.store.applyAtomically([], [{ id: 'a3', locale: 'en' }]);
    a.afters.length = 0;
    c.engine.resyncFromScratch();
    await waitUntil(async () => (await c.store.get('stray', 'en')) === null, 5000, 'the resync');
    await waitUntil(() => c.engine.status().state === 'online', 5000, 'online');
    expect(a.afters).toEqual([0, 10, 20]);
    await expectExactly(a, 'epoch-a');
  });
});
