/**
 * Issue #19: `/v1/changes` pages are written from the stored items' UTF-8 bytes (server/db/
 * change-item.ts changesPageBytes). They must be byte for byte what the text-built route sent:
 * the expected page here is built the old way, from `change_log.item` read as text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeItemJson } from '../../../server/db/change-item';
import { rawRows } from '../../../server/db/raw-sql';
import { tombstoneChanges } from '../../../server/db/change-log-admin';
import { api, article, type ServerFactory, type TestServer, publishLive } from './test-server';

const HOSTILE = 'RTL \u202e «quotes» "dq" \\ back\tslash\n \u2028\u2029 e\u0301 ZWJ 👩‍👩‍👧 astral 𝕏 CJK 漢字 \ufeff BOM </script>';

/** The page as the route built it before: stored items as text, `{"seq":n,` + item after its brace. */
async function textBuiltPage(t: TestServer, after: number, limit: number): Promise<string> {
  const rows = await rawRows<{ seq: number | string; item: string }>(t.server.db.dataSource.manager, 'SELECT seq, item FROM change_log WHERE seq > :after ORDER BY seq LIMIT :limit', { after, limit });
  const [state] = await rawRows<{ latest_seq: number | string; epoch: string }>(t.server.db.dataSource.manager, 'SELECT latest_seq, epoch FROM server_state WHERE id = 1');
  const latestSeq = Number(state?.latest_seq);
  const items = rows.map((r) => `{"seq":${Number(r.seq)},${r.item.slice(1)}`);
  const nextCursor = rows.length > 0 ? Number(rows[rows.length - 1]?.seq) : after;
  return (
    `{"epoch":${JSON.stringify(state?.epoch)},"after":${after},"latestSeq":${latestSeq},` +
    `"items":[${items.join(',')}],"nextCursor":${nextCursor},"hasMore":${nextCursor < latestSeq}}`
  );
}

export function definePageBytesSuite(label: string, factory: ServerFactory): void {
  describe(`/v1/changes page bytes on ${label}`, () => {
    let t: TestServer;
    beforeEach(async () => {
      t = await factory();
    });
    afterEach(async () => {
      await t.close();
    });

    it('serves byte for byte the text-built page: entries, removes, signatures, co-signatures, retirements, tombstones, huge and hostile-Unicode bodies', async () => {
      const huge = `${'Ünïcödé 漢字 𝕏 '.repeat(13_000)}end`;
      const published = await publishLive(t, {
        entries: [
          article('plain'),
          article('hostile', 'ar', { title: HOSTILE, body: HOSTILE, tags: ['تسمية', 'a"b'] }),
          article('huge', 'ja', { body: huge }),
          article('gone'),
          article('retired-signed'),
        ],
      });
      expect(published.status).toBe(200);
      expect((await api(t.url, t.tokens.admin, 'DELETE', '/v1/entries/gone?locale=en')).status).toBe(200);
      const db = t.server.db;
      const repo = t.server.repo;
      const approval = { keyId: 'ed25519:K1', signedAt: '2026-11-30T00:00:00.000Z', signature: 'c2lnbmF0dXJl+/==' };
      const cosignatures = [{ keyId: 'ed25519:K2', signedAt: '2026-11-30T00:00:01.000Z', signature: 'Y29zaWdu' }];
      await db.transaction(async (manager) => {
        await repo.retireIn(manager, 'retired-signed', 'en', 'lead', '2026-11-30T00:00:02.000Z', { version: 2, keyId: 'ed25519:K1', retiredAt: '2026-11-30T00:00:02.000Z', signature: 'cmV0aXJl' });
        // A signed, co-signed upsert as stored: the route copies items without reading their fields.
        const seq = await repo.reserve(manager, 1);
        const entry = { ...article('signed', 'de', { body: HOSTILE }), id: 'signed', locale: 'de', version: 1, approval, cosignatures };
        await manager.getRepository(db.entities.ChangeLog).insert({ seq, op: 'upsert', id: 'signed', locale: 'de', version: 1, at: '2026-11-30T00:00:03.000Z', actor: 'lead', item: changeItemJson({ op: 'upsert', entry }) });
      });
      await tombstoneChanges(db, [1]);
      const latest = (await repo.state()).latestSeq;
      expect(latest).toBe(8);

      for (const [after, limit] of [[0, 5000], [0, 1], [2, 3], [5, 2], [latest, 10]] as const) {
        const res = await fetch(`${t.url}/v1/changes?after=${after}&limit=${limit}`, { headers: { authorization: `Bearer ${t.tokens.agent}` } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json');
        const bytes = Buffer.from(await res.arrayBuffer());
        const expected = Buffer.from(await textBuiltPage(t, after, limit), 'utf8');
        expect(Number(res.headers.get('content-length'))).toBe(expected.length);
        expect(bytes.equals(expected)).toBe(true);
        // The text form (the event stream's inline pages) is the same page.
        expect((await repo.changesPage(after, limit)).json).toBe(expected.toString('utf8'));
      }
      const whole = JSON.parse(await textBuiltPage(t, 0, 5000)) as { items: Array<{ op: string; entry?: { body: string } }> };
      expect(whole.items.map((i) => i.op)).toEqual(['tombstone', 'upsert', 'upsert', 'upsert', 'upsert', 'remove', 'remove', 'upsert']);
      expect(whole.items[2]?.entry?.body).toBe(huge);
    });
  });
}
