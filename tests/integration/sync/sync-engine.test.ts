/** The sync engine against a real server on 127.0.0.1, real SQLite on both sides. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, article, sqliteServer, type TestServer, publishLive } from '../server/test-server';
import { checksum, openClient, waitUntil, type TestClient } from './sync-client';

async function publish(t: TestServer, entries: Array<Record<string, unknown>>): Promise<void> {
  const res = await publishLive(t, { entries });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

async function serverChecksum(t: TestServer): Promise<string> {
  return checksum(await t.server.repo.liveEntries());
}

async function clientChecksum(c: TestClient): Promise<string> {
  return checksum(await c.store.all());
}

describe('sync engine', () => {
  let t: TestServer;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    t = await sqliteServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await t.close();
  });
  const client = async (...args: Parameters<typeof openClient> extends [unknown, unknown, ...infer R] ? R : never) => {
    const c = await openClient(t.url, t.tokens.agent, ...args);
    clients.push(c);
    return c;
  };

  it('does a full sync from zero over many pages, then incremental syncs', async () => {
    await publish(t, Array.from({ length: 95 }, (_, i) => article(`e${i}`, i % 3 === 0 ? 'fr' : 'en')));
    const syncedAt = new Date('2026-05-04T03:02:01.000Z');
    const c = await client({ pageSize: 10, now: () => syncedAt });
    const statuses: string[] = [];
    c.engine.onStatus((s) => statuses.push(s.state));
    const first = await c.engine.syncNow();
    expect(first).toMatchObject({ ok: true, applied: 95, cursor: 95, latestSeq: 95 });
    expect(await clientChecksum(c)).toBe(await serverChecksum(t));
    expect(c.engine.status()).toMatchObject({ state: 'online', cursor: 95, lastError: null });
    expect(c.engine.status().lastSyncAt).toBe(syncedAt.toISOString());
    // "syncing" as it starts and after each of the 10 pages (95 entries, 10 a page), then online.
    expect(statuses).toEqual([...Array.from({ length: 11 }, () => 'syncing'), 'online']);
    expect(await c.meta.get('sync.cursor')).toBe(95);

    await publish(t, [article('e1', 'en', { title: 'Renamed lighthouse' }), article('new', 'de')]);
    expect((await api(t.url, t.tokens.lead, 'DELETE', '/v1/entries/e0?locale=fr')).status).toBe(200);
    const second = await c.engine.syncNow();
    expect(second).toMatchObject({ ok: true, applied: 3, cursor: 98 });
    expect(await clientChecksum(c)).toBe(await serverChecksum(t));
    expect(await c.store.get('e0', 'fr')).toBeNull();
    expect((await c.store.get('e1', 'en'))?.title).toBe('Renamed lighthouse');
    await c.search.ready;
    expect(c.search.search({ query: 'lighthouse', locale: 'en' }).map((h) => h.id)).toEqual(['e1']);

    const third = await c.engine.syncNow();
    expect(third).toMatchObject({ ok: true, applied: 0, cursor: 98 });
  });

  it('resumes from the stored cursor after the client restarts', async () => {
    await publish(t, Array.from({ length: 30 }, (_, i) => article(`e${i}`)));
    const first = await client();
    await first.engine.syncNow();
    await first.close();
    clients.splice(clients.indexOf(first), 1);
    await publish(t, [article('later')]);
    let asked: string[] = [];
    const recording: typeof fetch = (input, init) => {
      asked.push(String(input));
      return fetch(input, init);
    };
    const again = await client({ fetch: recording }, first.dir);
    expect(again.engine.status().cursor).toBe(0); // not loaded until used
    asked = [];
    const result = await again.engine.syncNow();
    expect(result).toMatchObject({ ok: true, applied: 1, cursor: 31 });
    expect(asked[0]).toContain('after=30');
    expect(await again.store.count()).toBe(31);
  });

  it('gets a publish through the event stream (no polling)', async () => {
    // No poll ever comes (10 minutes); how fast a poke arrives is measured by `npm run bench:sync`.
    const c = await client({ pollIntervalMs: 600_000 });
    await c.engine.start();
    await waitUntil(() => c.engine.status().state === 'online', 5000, 'online');
    await publish(t, [article('poked', 'en', { title: 'Poked entry' })]);
    await waitUntil(async () => (await c.store.get('poked', 'en')) !== null, 5000, 'the poked entry');
    await waitUntil(() => c.search.search({ query: 'poked', locale: 'en' }).length === 1, 1000, 'searchable');
    expect((await api(t.url, t.tokens.lead, 'DELETE', '/v1/entries/poked?locale=en')).status).toBe(200);
    await waitUntil(async () => (await c.store.get('poked', 'en')) === null, 2000, 'the retirement');
    // The status follows the commit (the store answers first): wait for it rather than race it.
    await waitUntil(() => c.engine.status().state === 'online', 2000, 'online after the retirement');
    expect(c.engine.status()).toMatchObject({ state: 'online', cursor: 2 });
  });

  it('goes offline when the server stops, keeps data, and reconnects when it is back', async () => {
    await publish(t, [article('before')]);
    const c = await client({ pollIntervalMs: 600_000 });
    await c.engine.start();
    await waitUntil(async () => (await c.store.count()) === 1, 5000, 'first sync');
    await waitUntil(() => c.engine.status().state === 'online', 5000, 'online');
    const port = t.server.port;
    await t.server.close();
    await waitUntil(() => c.engine.status().state === 'offline', 5000, 'offline');
    expect(c.engine.status().lastError).toMatch(/closed|lost|fetch failed|ECONNREFUSED/);
    expect(await c.store.count()).toBe(1);
    await t.restart();
    expect(t.server.port).toBe(port);
    await publish(t, [article('after')]);
    await waitUntil(async () => (await c.store.get('after', 'en')) !== null, 5000, 'sync after restart');
    await waitUntil(() => c.engine.status().state === 'online', 5000, 'online again');
    expect(c.engine.status().lastError).toBeNull();
  });

  it('stops with a clear 401 error and keeps the data when the token is revoked', async () => {
    await publish(t, [article('kept')]);
    const c = await client();
    expect((await c.engine.syncNow()).ok).toBe(true);
    await t.server.tokens.revoke('alex-agent');
    await publish(t, [article('unseen')]);
    const result = await c.engine.syncNow();
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain('401');
    expect(c.engine.status()).toMatchObject({ state: 'offline', cursor: 1 });
    expect(c.engine.status().lastError).toContain('401');
    expect((await c.store.all()).map((e) => e.id)).toEqual(['kept']);
  });

  it('reports not_configured without a server and touches nothing', async () => {
    const c = await client({ config: () => null });
    expect(c.engine.status().state).toBe('not_configured');
    const result = await c.engine.syncNow();
    expect(result.ok).toBe(false);
    expect(c.engine.status().state).toBe('not_configured');
  });

  it('after a poke that came during a pull, pulls again only if that pull stopped short of it', async () => {
    // A fetch that can hold /v1/changes requests (before sending, or after the answer) and
    // records the event stream's text, so the test knows when a poke has reached the client.
    let changesRequests = 0;
    let hold: { before: boolean; release: Promise<void> } | null = null;
    let streamText = '';
    const gated: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('/v1/events')) {
        const res = await fetch(input, init);
        const [forEngine, forTest] = (res.body as ReadableStream<Uint8Array>).tee();
        void (async () => {
          const decoder = new TextDecoder();
          for await (const chunk of forTest) streamText += decoder.decode(chunk, { stream: true });
        })().catch(() => undefined);
        return new Response(forEngine, { status: res.status, headers: res.headers });
      }
      if (!url.includes('/v1/changes')) return fetch(input, init);
      changesRequests += 1;
      const gate = hold;
      if (gate?.before) await gate.release;
      const res = await fetch(input, init);
      if (gate && !gate.before) await gate.release;
      return res;
    };
    // Pokes only (the events' pages ignored): this is the pull path's coalescing.
    const c = await client({ fetch: gated, pollIntervalMs: 600_000, inlineChanges: false });
    await c.engine.start();
    await waitUntil(() => c.engine.status().state === 'online', 5000, 'online');
    const pokeSeen = (seq: number) =>
      waitUntil(() => [...streamText.matchAll(/"seq":(\d+)/g)].some((m) => Number(m[1]) === seq), 5000, `poke ${seq}`);
    // The engine's work (and any pull a poke asked for during it) has ended: nothing more will leave.
    const quiet = async () => {
      await c.engine.settled();
      expect(c.engine.status().state).toBe('online');
    };

    // 1. The pull's request leaves after both commits: it gets both; the second poke costs nothing.
    let open!: () => void;
    hold = { before: true, release: new Promise<void>((r) => (open = r)) };
    changesRequests = 0;
    await publish(t, [article('a')]);
    await waitUntil(() => changesRequests === 1, 5000, 'the pull for a');
    await publish(t, [article('b')]);
    await pokeSeen(2);
    open();
    await waitUntil(() => c.engine.status().cursor === 2, 5000, 'cursor 2');
    await quiet();
    expect(changesRequests).toBe(1);

    // 2. The pull's answer was cut before the next commit: the poke makes it pull once more.
    hold = { before: false, release: new Promise<void>((r) => (open = r)) };
    changesRequests = 0;
    await publish(t, [article('c')]);
    await waitUntil(() => changesRequests === 1, 5000, 'the pull for c');
    await publish(t, [article('d')]);
    await pokeSeen(4);
    hold = null;
    open();
    await waitUntil(() => c.engine.status().cursor === 4, 5000, 'cursor 4');
    await quiet();
    expect(changesRequests).toBe(2);
    expect((await c.store.all()).map((e) => e.id).sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
