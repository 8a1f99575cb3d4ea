/**
 * A new org key list reaches the agents of every instance (issue #15) on PostgreSQL: the upload
 * NOTIFYs `keylist:N` inside its transaction and each instance's LISTEN connection turns it into
 * a `key-list` event on its own `/v1/events`. Two instances on one database: the admin uploads
 * through the first, the agent listens on the second and re-verifies what it holds at once —
 * no poll, no pull asked for. `npm run test:pg` (the SQLite path: tests/integration/signing/key-list-event.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { SearchResponse } from '../../../common/ipc-contract';
import { readKeyFile } from '../../../main/signing/key-file';
import { nextKeyList, signKeyList } from '../../../main/signing/key-list-builder';
import type { RunningServer } from '../../../server/server';
import { startQuietApp } from '../../helpers/quiet-app';
import { signingWorld, type SigningWorld } from '../signing/signing-fixture';
import { waitUntil } from '../sync/sync-client';
import { openSse } from './sse-reader';
import { api, postgresServer } from './test-server';

const databaseUrl = process.env.CUECARD_TEST_DATABASE_URL;
if (!databaseUrl) throw new Error('CUECARD_TEST_DATABASE_URL is not set: run `source tests/ci/postgres.sh` first.');
const factory = postgresServer(databaseUrl);

const entry = (id: string, title: string) => ({ id, locale: 'en', title, body: `The approved text of ${id}.`, tags: [] });

describe('a new org key list across PostgreSQL instances', () => {
  let w: SigningWorld;
  let second: RunningServer;
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeEach(async () => {
    w = await signingWorld(factory);
    second = await (w.t.startAnotherInstance as () => Promise<RunningServer>)();
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await second.close();
    await w.close();
  });

  /** Two entries, one signed by bo and one by cy, held by an agent pinned to the root and live on the second instance. */
  async function agentOnSecond() {
    await w.publishSigned([entry('kb/by-bo', 'Parcel lost in transit')], 'ana', ['bo']);
    await w.publishSigned([entry('kb/by-cy', 'Refunds for cancelled orders')], 'ana', ['cy']);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-key-list-pg-'));
    const { core, app, call } = await startQuietApp(dataDir, cleanup, {}, { orgRootKey: w.root.publicKey });
    // Live first, configured after: the settings' reconnect is the one connection.
    await app.sync.start();
    await core.settings.update({ serverUrl: second.url, token: w.t.tokens.agent });
    await waitUntil(async () => (await core.store.get('kb/by-cy', 'en')) !== null && app.sync.status().state === 'online', 10_000, 'the first sync');
    const search = async (query: string) => ((await call('search', { query })) as { ok: true; value: SearchResponse }).value.hits.map((h) => h.id);
    expect(await search('parcel lost')).toEqual(['kb/by-bo']);
    expect(app.sync.status().lastError).toBeNull();
    /** What must hold once the agent applied a list revoking bo: bo's entry refused, cy's kept. */
    const revokedBoApplied = async () => {
      await waitUntil(async () => (await core.store.get('kb/by-bo', 'en')) === null, 10_000, 'the revoked key’s entry to leave the store');
      await waitUntil(() => app.sync.status().lastError !== null, 10_000, 'the status to name the refusal');
      expect(app.sync.status().lastError).toBe(
        'synced, but skipped 1 entry the server sent that this app cannot store (“kb/by-bo” in en: refused: signed by a key revoked before the approval time); ask the knowledge base admin to fix or retire it',
      );
      expect(await search('parcel lost')).toEqual([]);
      // Nothing good is lost: cy's entry still verifies; the refused one is kept aside with its reason.
      expect((await core.store.get('kb/by-cy', 'en'))?.title).toBe('Refunds for cancelled orders');
      expect((await core.store.refused()).map((r) => [r.id, r.reason])).toEqual([['kb/by-bo', 'key_revoked']]);
    };
    return { revokedBoApplied };
  }

  it('uploaded through one instance, reaches an agent listening on the other, which re-verifies what it holds', async () => {
    const { revokedBoApplied } = await agentOnSecond();

    // A plain listener on the second instance sees the event itself, with the list's version.
    const onSecond = await openSse(`${second.url}/v1/events`, w.t.tokens.agent);
    cleanup.push(async () => onSecond.close());
    await onSecond.waitFor((e) => e.event === 'hello');

    // bo's key was stolen: revoked back to before everything it signed, uploaded through the
    // first instance. Only the NOTIFY can tell the second one.
    const signed = await w.signList(['--revoke', 'bo', '--revoke-from', '2020-01-01T00:00:00Z']);
    expect(signed.code, signed.err.join('\n')).toBe(0);
    expect(signed.out.at(-1)).toBe('signed key list version 2: 3 key(s), sensitive tags: refund,legal');

    await revokedBoApplied();
    const event = await onSecond.waitFor((e) => e.event === 'key-list', 10_000);
    expect(JSON.parse(event.data)).toEqual({ version: 2 });
  });

  it('a list uploaded while the other instance’s LISTEN connection is down still reaches its agents once it is back', async () => {
    const { revokedBoApplied } = await agentOnSecond();
    // Built and signed beforehand, so the upload lands inside the reconnect's delay (500 ms).
    const root = await readKeyFile(w.root.file, 'root');
    const current = await api(w.t.url, w.t.tokens.admin, 'GET', '/v1/key-list');
    const registered = await api(w.t.url, w.t.tokens.admin, 'GET', '/v1/keys');
    const next = signKeyList(nextKeyList(current.json.keyList.list, registered.json.keys, { revoke: 'bo', revokeFrom: '2020-01-01T00:00:00Z' }, new Date()), root.privateKey);

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    cleanup.push(() => admin.end());
    // Both instances LISTEN on the channel; the second one connected last.
    const listening = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE query = $1 ORDER BY backend_start', [`LISTEN ${w.t.channel}`]);
    expect(listening.rows.length).toBe(2);
    const killed = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [listening.rows[1]?.pid]);
    expect(killed.rows[0]?.ok).toBe(true);
    // Its NOTIFY reaches the first instance only; no change moves the log's seq.
    const uploaded = await api(w.t.url, w.t.tokens.admin, 'PUT', '/v1/key-list', next);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(200);

    await revokedBoApplied();
  });
});
