/**
 * The Library's live refresh follows a cursor over history event ids (`GET /v1/library/changes`).
 * On PostgreSQL those ids come from a sequence, so a transaction that took a smaller id but commits
 * later would be skipped by a cursor that already moved past a larger one. Every writer of history
 * events takes the writers' lock before it inserts (server/review/flag-service.ts), so ids commit in
 * the order they are taken. `npm run test:pg`.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { waitUntil } from '../sync/sync-client';
import { api, article, postgresServer, publishLive, type TestServer } from './test-server';

const databaseUrl = process.env.CUECARD_TEST_DATABASE_URL;
if (!databaseUrl) throw new Error('CUECARD_TEST_DATABASE_URL is not set: run `source tests/ci/postgres.sh` first.');
const factory = postgresServer(databaseUrl);

describe('the Library change cursor on PostgreSQL', () => {
  let t: TestServer;
  let holder: pg.Client;
  let watcher: pg.Client;
  beforeEach(async () => {
    t = await factory();
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${t.channel}`);
    holder = new pg.Client({ connectionString: url.toString() });
    watcher = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    await watcher.connect();
  });
  afterEach(async () => {
    await holder.end();
    await watcher.end();
    await t.close();
  });

  const latest = async (after: number): Promise<{ latest: number; ids: string[] | null }> => {
    const res = await api(t.url, t.tokens.lead, 'GET', `/v1/library/changes?after=${after}`);
    expect(res.status).toBe(200);
    return res.json;
  };

  it('never moves past an event id that a transaction still holds while a flag is raised', async () => {
    expect((await publishLive(t, { entries: [article('a'), article('b')] })).status).toBe(200);
    const start = (await latest(0)).latest;

    // A review transaction in progress: it holds the writers' lock and an event id, not committed.
    await holder.query('BEGIN');
    await holder.query('UPDATE server_state SET latest_seq = latest_seq WHERE id = 1');
    await holder.query(
      `INSERT INTO entry_events (id, locale, version, event, state, actor, at, comment)
       VALUES ('b', 'en', 1, 'commented', 'approved', 'lead', $1, NULL)`,
      [new Date().toISOString()],
    );

    const flag = api(t.url, t.tokens.agent, 'POST', '/v1/flags', {
      clientId: randomUUID(),
      id: 'a',
      locale: 'en',
      version: 1,
      reason: 'outdated',
      comment: 'the price changed',
    });
    const flagWaitsForTheLock = async () =>
      (
        await watcher.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%server_state%'`,
        )
      ).rows[0]?.n !== '0';
    // Either the flag committed around the open transaction (the bug) or it waits for its lock.
    await Promise.race([flag, waitUntil(flagWaitsForTheLock, 10_000, 'the flag to wait for the writers’ lock')]);

    const seenWhileOpen = (await latest(start)).latest;
    await holder.query('COMMIT');
    expect((await flag).status).toBe(200);

    // A Library that polled while the transaction was open goes on from what it saw then: it must
    // still learn of both entries.
    const after = await latest(seenWhileOpen);
    expect(seenWhileOpen).toBe(start);
    expect([...(after.ids ?? [])].sort()).toEqual(['a', 'b']);
    expect(after.latest).toBe(start + 2);
  });
});
