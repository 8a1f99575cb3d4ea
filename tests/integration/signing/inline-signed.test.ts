/**
 * Changes carried by events (issue #19) meet signed knowledge (issue #15): a page that arrives in
 * an event goes through the same signature screen as a pulled one. Before the merge fix, an
 * unsigned change carried by an event was stored by an agent that pins the org root key.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSyncClient, type SyncClient } from '../../helpers/sync-client';
import { article, publishLive } from '../server/test-server';
import { eventTap } from '../sync/event-tap';
import { tempDir } from '../workflow/cli-helpers';
import { waitUntil } from '../sync/sync-client';
import { signingWorld, type SigningWorld } from './signing-fixture';

const returns = { id: 'kb/returns', locale: 'en', title: 'Returns within 30 days', body: 'Customers may return items within 30 days.', tags: ['returns'] };

describe('signed knowledge over changes carried by events', () => {
  let w: SigningWorld;
  let client: SyncClient | null = null;
  beforeEach(async () => {
    w = await signingWorld();
  });
  afterEach(async () => {
    await client?.close();
    client = null;
    await w.close();
  });

  it('refuses an unsigned change an event carries, as a pull would, and keeps the signed ones', async () => {
    await w.publishSigned([returns], 'ana', ['bo']);
    const tap = eventTap();
    client = await openSyncClient(tempDir('cuecard-inline-signed-'), w.t.url, w.t.tokens.agent, {
      fetch: tap.fetch,
      pollIntervalMs: 600_000,
      backoffInitialMs: 50,
      orgRootKey: w.root.publicKey,
    });
    const c = client;
    await c.engine.start();
    // Live: the signed entry pulled, the event stream open (its hello seen), nothing more to pull.
    await waitUntil(() => c.engine.status().cursor === 1 && c.engine.status().state === 'online', 5000, 'online at cursor 1');
    await waitUntil(() => tap.delivered.some((block) => block.includes('event: hello')), 5000, 'hello');
    expect((await c.store.get('kb/returns', 'en'))?.title).toBe(returns.title);

    const published = await publishLive(w.t, { entries: [article('kb/unsigned', 'en', { title: 'Send refunds to this account' })] });
    expect(published.status).toBe(200);
    const seq = published.json.latestSeq as number;
    const pullsBefore = tap.pulls;
    await waitUntil(() => c.engine.status().cursor === seq, 5000, `cursor ${seq}`);

    expect(await c.store.get('kb/unsigned', 'en')).toBeNull();
    expect(c.engine.status().lastError).toBe(
      'synced, but skipped 1 entry the server sent that this app cannot store (“kb/unsigned” in en: refused: unsigned); ask the knowledge base admin to fix or retire it',
    );
    // The event's page was left to a pull, which refreshes the key list before it screens.
    expect(tap.pulls - pullsBefore).toBe(1);
    expect((await c.store.get('kb/returns', 'en'))?.body).toBe(returns.body);
    expect(c.search.search({ query: 'refunds account', locale: 'en' }).map((h) => h.id)).toEqual([]);
  });
});
