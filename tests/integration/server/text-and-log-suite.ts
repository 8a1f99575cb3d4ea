/**
 * Issue #12 points 1 and 3 on each engine: well-formed text only, page items from one source,
 * tombstones, the true latest seq, a new epoch for a database that is not the one the log was
 * served from, and pages bounded in bytes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGE_BYTES } from '../../../common/sync-protocol';
import { tombstoneChanges } from '../../../server/db/change-log-admin';
import { openClient, type TestClient } from '../sync/sync-client';
import { api, article, type ServerFactory, type TestServer, publishLive } from './test-server';

export function defineTextAndLogSuite(label: string, factory: ServerFactory): void {
  describe(`change log integrity on ${label}`, () => {
    let t: TestServer;
    let client: TestClient | null = null;
    beforeEach(async () => {
      t = await factory();
    });
    afterEach(async () => {
      await client?.close();
      client = null;
      await t.close();
    });

    it('refuses text that is not well-formed (lone surrogates, NUL) with 400 naming the field, never 500', async () => {
      const surrogate = (field: string) => `${field}: the text is not well-formed Unicode (it contains a lone surrogate)`;
      const nul = (field: string) => `${field}: the text contains a NUL character`;
      const cases: Array<[Record<string, unknown>, string]> = [
        // article() repeats the id in the title and the body: all three are named.
        [article('bad\ud800'), [surrogate('entries.0.id'), surrogate('entries.0.title'), surrogate('entries.0.body')].join('; ')],
        [article('a', 'en', { title: 'Title \udc00' }), surrogate('entries.0.title')],
        [article('a', 'en', { body: 'Body \ud83d end' }), surrogate('entries.0.body')],
        [article('a', 'en', { tags: ['ok', 'x\udfff'] }), surrogate('entries.0.tags.1')],
        [article('a', 'en', { urlOrPath: 'https://x.example/\ud800' }), surrogate('entries.0.urlOrPath')],
        [article('a', 'en', { body: 'NUL \u0000 here' }), nul('entries.0.body')],
        [article('a', 'en', { title: 'NUL\u0000' }), nul('entries.0.title')],
        [article('a', 'en', { tags: ['\u0000'] }), nul('entries.0.tags.0')],
      ];
      for (const [entry, problems] of cases) {
        // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse on the
        // server turns back into the lone surrogate: the server really receives it.
        const res = await api(t.url, t.tokens.lead, 'POST', '/v1/entries', { entries: [entry] });
        expect(res.status, JSON.stringify(res.json)).toBe(400);
        expect(res.json.error).toEqual({ code: 'bad_request', message: `invalid body: ${problems}` });
      }
      const fine = await publishLive(t, article('emoji', 'en', { title: 'Thanks 🙂' }));
      expect(fine.status).toBe(200);
      expect((await api(t.url, null, 'GET', '/healthz')).json.latestSeq).toBe(1);
    });

    it('builds each page item from the one stored item, so id and entry agree', async () => {
      await publishLive(t, { entries: [article('a/b'), article('c', 'pt-BR')] });
      await api(t.url, t.tokens.lead, 'DELETE', '/v1/entries/c?locale=pt-BR');
      // The log's id column is for admins (which entry a row was about); pages never read it,
      // so even a row whose column disagrees (as a lone-surrogate id once did: the column held
      // U+FFFD, the entry JSON the escape) is served as one consistent item.
      await t.server.db.dataSource.query(`UPDATE change_log SET id = 'not-it' WHERE seq = 1`);
      const page = await api(t.url, t.tokens.agent, 'GET', '/v1/changes');
      expect(page.json.items.map((i: { seq: number; op: string; id: string; locale: string; entry?: { id: string; locale: string } }) => [i.seq, i.op, i.id, i.locale, i.entry?.id, i.entry?.locale])).toEqual([
        [1, 'upsert', 'a/b', 'en', 'a/b', 'en'],
        [2, 'upsert', 'c', 'pt-BR', 'c', 'pt-BR'],
        [3, 'remove', 'c', 'pt-BR', undefined, undefined],
      ]);
    });

    it('reports the server’s latest seq, never the client’s cursor', async () => {
      await publishLive(t, { entries: [article('a'), article('b')] });
      const ahead = await api(t.url, t.tokens.agent, 'GET', '/v1/changes?after=100');
      expect(ahead.status).toBe(200);
      expect(ahead.json).toMatchObject({ after: 100, latestSeq: 2, items: [], nextCursor: 100, hasMore: false });
    });

    it('gives the log a new epoch when the database is not the one it was served from', async () => {
      await publishLive(t, article('kept'));
      const before = (await api(t.url, null, 'GET', '/healthz')).json;
      // As if this database were restored elsewhere (or migrated from the other engine).
      await t.server.db.dataSource.query(`UPDATE server_state SET db_identity = 'somewhere:else' WHERE id = 1`);
      await t.restart();
      const after = (await api(t.url, null, 'GET', '/healthz')).json;
      expect(after.latestSeq).toBe(before.latestSeq);
      expect(after.epoch).not.toBe(before.epoch);
      await t.restart(); // and it stays: the identity is now this database's
      expect((await api(t.url, null, 'GET', '/healthz')).json.epoch).toBe(after.epoch);
    });

    it('serves a tombstoned change as a no-op item, so a poisoned log is repaired without a new epoch', async () => {
      await publishLive(t, { entries: [article('a'), article('b'), article('c')] });
      // Poison seq 2 as an older server could: an entry whose id disagrees with its item.
      await t.server.db.dataSource.query(
        `UPDATE change_log SET item = '{"op":"upsert","id":"b","locale":"en","entry":{"id":"zzz"}}' WHERE seq = 2`,
      );
      // A client skips the item it cannot store (the others apply) and keeps naming it.
      client = await openClient(t.url, t.tokens.agent, { pageSize: 10 });
      const poisoned = await client.engine.syncNow();
      expect(poisoned.ok).toBe(true);
      expect(client.engine.status().cursor).toBe(3);
      expect(client.engine.status().lastError).toBe(
        'synced, but skipped 1 entry the server sent that this app cannot store (“b” in en: entry.locale: Invalid input: expected string, received undefined; entry.kind: Invalid option: expected one of "template"|"article" (and 9 more)); ask the knowledge base admin to fix or retire it',
      );
      expect((await client.store.all()).map((e) => e.id).sort()).toEqual(['a', 'c']);
      const epoch = (await api(t.url, null, 'GET', '/healthz')).json.epoch;
      expect(await tombstoneChanges(t.server.db, [2, 99])).toEqual({ tombstoned: [2], missing: [99] });
      await t.restart(); // drops the page cache (the admin command runs in another process)
      const page = await api(t.url, t.tokens.agent, 'GET', '/v1/changes');
      expect(page.json.epoch).toBe(epoch);
      expect(page.json.items[1]).toEqual({ seq: 2, op: 'tombstone' });
      // A client that syncs after the repair sees no poisoned item at all, in the same epoch.
      await client.close();
      client = await openClient(t.url, t.tokens.agent, { pageSize: 10 });
      const repaired = await client.engine.syncNow();
      expect(repaired, JSON.stringify(client.engine.status())).toMatchObject({ ok: true });
      expect(client.engine.status().cursor).toBe(3);
      expect(client.engine.status().lastError).toBeNull();
      expect((await client.store.all()).map((e) => e.id).sort()).toEqual(['a', 'c']);
    });

    it(`budgets pages in bytes (MAX_PAGE_BYTES = ${MAX_PAGE_BYTES}) as well as items, always at least one item`, async () => {
      const body = 'é'.repeat(199_000); // 398,000 bytes as UTF-8
      const entries = Array.from({ length: 44 }, (_, i) => article(`big${i}`, 'en', { body }));
      expect((await publishLive(t, { entries })).status).toBe(200);
      const sizes: number[] = [];
      const counts: number[] = [];
      let after = 0;
      for (;;) {
        const res = await fetch(`${t.url}/v1/changes?after=${after}&limit=5000`, { headers: { authorization: `Bearer ${t.tokens.agent}` } });
        const bytes = Buffer.from(await res.arrayBuffer());
        const page = JSON.parse(bytes.toString('utf8'));
        sizes.push(bytes.length);
        counts.push(page.items.length);
        after = page.nextCursor;
        if (!page.hasMore) break;
      }
      expect(counts.reduce((a, b) => a + b, 0)).toBe(44);
      for (const size of sizes) expect(size).toBeLessThanOrEqual(MAX_PAGE_BYTES);
      // 42 items of ~398 KB fill the 16 MiB budget; the rest follows.
      expect(counts).toEqual([42, 2]);
      const one = await t.server.repo.changesPage(0, 10, 1);
      expect(one.items).toBe(1);
    });
  });
}
