/**
 * Ill-formed Unicode on a sync page: the item is refused with a clear status, the others are
 * applied, the cursor goes on (skipped and counted, see main/sync/verify-page.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHostileServer, testEntry, type HostileServer } from './hostile-server';
import { openClient, type TestClient } from './sync-client';

describe('ill-formed entries on a sync page', () => {
  let server: HostileServer;
  let c: TestClient;
  beforeEach(async () => {
    server = await startHostileServer();
    c = await openClient(server.url, 'agent-token', { pageSize: 10 });
  });
  afterEach(async () => {
    await c.close();
    await server.close();
  });

  it('skips an id with a lone surrogate and a body with NUL, applies the rest, and says so', async () => {
    server.publish([
      testEntry('good1'),
      testEntry('kb/return\ud800'),
      testEntry('good2'),
      { ...testEntry('nul-body'), body: 'a\u0000b' },
      testEntry('good3'),
    ]);
    expect(await c.engine.syncNow()).toMatchObject({ ok: true, applied: 3, cursor: 5 });
    expect((await c.store.all()).map((e) => e.id).sort()).toEqual(['good1', 'good2', 'good3']);
    expect(await c.meta.get('sync.skipped')).toEqual({
      total: 2,
      items: [
        { seq: 2, id: 'kb/return\ufffd', locale: 'en', reason: 'id is not well-formed Unicode (it contains a lone surrogate)' },
        { seq: 4, id: 'nul-body', locale: 'en', reason: 'entry.body contains a NUL character' },
      ],
    });
    expect(c.engine.status()).toMatchObject({
      state: 'online',
      cursor: 5,
      lastError:
        'synced, but skipped 2 entries the server sent that this app cannot store ' +
        '(“kb/return\ufffd” in en: id is not well-formed Unicode (it contains a lone surrogate)); ' +
        'ask the knowledge base admin to fix or retire it',
    });

    // The server fixes one; the status still names the other, across a restart too.
    server.publish([{ ...testEntry('nul-body', 2), body: 'ab' }, testEntry('good4')]);
    expect(await c.engine.syncNow()).toMatchObject({ ok: true, applied: 2, cursor: 7 });
    await c.close();
    c = await openClient(server.url, 'agent-token', { pageSize: 10 }, c.dir);
    expect(await c.engine.syncNow()).toMatchObject({ ok: true, applied: 0, cursor: 7 });
    expect(c.engine.status().lastError).toBe(
      'synced, but skipped 1 entry the server sent that this app cannot store (“kb/return\ufffd” in en: id is not well-formed Unicode (it contains a lone surrogate)); ask the knowledge base admin to fix or retire it',
    );
    expect((await c.store.get('nul-body', 'en'))?.body).toBe('ab');
  });
});
