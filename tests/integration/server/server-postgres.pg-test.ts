/**
 * The same server suite on PostgreSQL (`npm run test:pg`, vitest project `pg`), plus what only
 * PostgreSQL has: several instances on one database, each pushing every change to its clients.
 * Needs CUECARD_TEST_DATABASE_URL (tests/ci/postgres.sh sets it up); without it this file fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { RunningServer } from '../../../server/server';
import { checksum, openClient, waitUntil, type TestClient } from '../sync/sync-client';
import { openSse } from './sse-reader';
import { defineServerSuite } from './server-suite';
import { defineAuthorisationMatrix } from './authorisation-matrix-suite';
import { defineLimitsSuite } from './limits-suite';
import { defineTextAndLogSuite } from './text-and-log-suite';
import { definePageBytesSuite } from './page-bytes-suite';
import { api, article, postgresDb, postgresServer, type TestServer, publishLive } from './test-server';
import { defineMigrationSuite } from './migration-suite';

const databaseUrl = process.env.CUECARD_TEST_DATABASE_URL;
if (!databaseUrl) {
  throw new Error(
    'CUECARD_TEST_DATABASE_URL is not set: the PostgreSQL suite needs a database. Run `source tests/ci/postgres.sh` ' +
      '(installs and starts a local PostgreSQL) or export CUECARD_TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db.',
  );
}
const factory = postgresServer(databaseUrl);

defineServerSuite('PostgreSQL', factory);
defineTextAndLogSuite('PostgreSQL', factory);
definePageBytesSuite('PostgreSQL', factory);
defineLimitsSuite('PostgreSQL', factory);
defineAuthorisationMatrix('PostgreSQL', factory);
defineMigrationSuite('PostgreSQL', postgresDb(databaseUrl), true);

describe('several server instances on one PostgreSQL database', () => {
  let t: TestServer;
  let second: RunningServer;
  let client: TestClient | null = null;
  beforeEach(async () => {
    t = await factory();
    second = await (t.startAnotherInstance as () => Promise<RunningServer>)();
  });
  afterEach(async () => {
    await client?.close();
    client = null;
    await second.close();
    await t.close();
  });

  it('pokes the clients of every instance (LISTEN/NOTIFY) and serves one log', async () => {
    const onSecond = await openSse(`${second.url}/v1/events`, t.tokens.agent);
    try {
      await onSecond.waitFor((e) => e.event === 'hello');
      const res = await publishLive(t, { entries: [article('a'), article('b')] });
      expect(res.status).toBe(200);
      const change = await onSecond.waitFor((e) => e.event === 'change', 3000);
      expect(JSON.parse(change.data).seq).toBe(2);
    } finally {
      onSecond.close();
    }
    const fromSecond = await api(second.url, t.tokens.agent, 'GET', '/v1/changes');
    expect(fromSecond.json.items.map((i: { seq: number }) => i.seq)).toEqual([1, 2]);
  });

  it('keeps seqs gapless with publishes racing on two instances', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        publishLive({ url: i % 2 === 0 ? t.url : second.url, tokens: t.tokens }, {
          entries: [article(`r${i % 5}`), article(`r${i % 5}`, 'fr')],
        }),
      ),
    );
    for (const r of results) expect(r.status, JSON.stringify(r.json)).toBe(200);
    const page = await api(t.url, t.tokens.agent, 'GET', '/v1/changes');
    expect(page.json.items.map((i: { seq: number }) => i.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Versions of one entry count up by one per publish, whichever instance took it.
    const versions = page.json.items.filter((i: { id: string; locale: string }) => i.id === 'r0' && i.locale === 'en');
    expect(versions.map((i: { entry: { version: number } }) => i.entry.version)).toEqual([1, 2, 3, 4]);
  });

  it('syncs a live client connected to one instance from publishes on the other', async () => {
    client = await openClient(second.url, t.tokens.agent, { pollIntervalMs: 600_000 });
    await client.engine.start();
    await waitUntil(() => client?.engine.status().state === 'online', 5000, 'online');
    await publishLive(t, { entries: Array.from({ length: 30 }, (_, i) => article(`s${i}`)) });
    await api(t.url, t.tokens.lead, 'DELETE', '/v1/entries/s3?locale=en');
    await waitUntil(async () => client?.engine.status().cursor === 31, 5000, 'cursor 31');
    expect(checksum(await client.store.all())).toBe(checksum(await t.server.repo.liveEntries()));
  });
});

describe('the LISTEN connection on PostgreSQL', () => {
  let t: TestServer;
  let admin: pg.Client;
  beforeEach(async () => {
    t = await factory();
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
  });
  afterEach(async () => {
    await admin.end();
    await t.close();
  });

  const listeners = async (): Promise<number[]> =>
    (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE query = $1', [`LISTEN ${t.channel}`])).rows.map((r) => r.pid);

  it('reconnects after its backend is terminated, and clients keep getting pokes', async () => {
    const sse = await openSse(`${t.url}/v1/events`, t.tokens.agent);
    try {
      await sse.waitFor((e) => e.event === 'hello');
      const [pid] = await listeners();
      expect(typeof pid).toBe('number');
      const killed = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
      expect(killed.rows[0]?.ok).toBe(true);
      // Published while the listener is down: its NOTIFY is lost, but the hub pokes the latest
      // seq once it is back, so the client hears of it anyway.
      expect((await publishLive(t, article('during'))).status).toBe(200);
      await sse.waitFor((e) => e.event === 'change' && JSON.parse(e.data).seq === 1, 15_000);
      await waitUntil(async () => {
        const now = await listeners();
        return now.length === 1 && now[0] !== pid;
      }, 15_000, 'a new LISTEN backend');
      expect((await publishLive(t, article('after'))).status).toBe(200);
      await sse.waitFor((e) => e.event === 'change' && JSON.parse(e.data).seq === 2, 15_000);
    } finally {
      sse.close();
    }
  });
});
