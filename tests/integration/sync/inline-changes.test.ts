/**
 * Changes carried by the event stream (issue #19): applied without a pull when they continue the
 * cursor; a gap, a refused page or a large change is pulled; bursts cost one pull or one
 * transaction; a restart in the middle of a burst resumes without a gap.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntryChange } from '../../../common/search/types';
import { INLINE_PAGE_MAX_BYTES } from '../../../common/sync-protocol';
import { article, publishLive, sqliteServer, type TestServer } from '../server/test-server';
import { checksum, openClient, waitUntil, type TestClient } from './sync-client';
import { eventTap, seqOf, type EventTap } from './event-tap';

describe('changes carried by events', () => {
  let t: TestServer;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    t = await sqliteServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await t.close();
  });

  async function publish(...entries: Array<Record<string, unknown>>): Promise<number> {
    const res = await publishLive(t, { entries });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json.latestSeq as number;
  }

  /** A live client behind a tap, synced and online, with the pull count reset. */
  async function liveClient(tap: EventTap, overrides: Parameters<typeof openClient>[2] = {}, dir?: string): Promise<TestClient> {
    const c = await openClient(t.url, t.tokens.agent, { fetch: tap.fetch, pollIntervalMs: 600_000, ...overrides }, dir);
    clients.push(c);
    await c.engine.start();
    await waitUntil(() => c.engine.status().state === 'online', 5000, 'online');
    return c;
  }

  /**
   * Publishes one change per id while the client's events are held back, then delivers them in
   * one chunk; resolves when the client is idle at the last seq, with the pulls that cost.
   */
  async function heldBurst(tap: EventTap, c: TestClient, ids: readonly string[]): Promise<{ pulls: number }> {
    await waitUntil(() => tap.delivered.some((b) => b.includes('event: hello')), 5000, 'hello');
    const pullsAtStart = tap.pulls;
    tap.hold();
    let last = 0;
    for (const id of ids) last = await publish(article(id));
    await waitUntil(() => tap.held === ids.length, 5000, `${ids.length} events held`);
    tap.release();
    await atCursor(c, last);
    await waitUntil(() => c.engine.status().state === 'online', 5000, 'idle');
    return { pulls: tap.pulls - pullsAtStart };
  }

  const atCursor = (c: TestClient, seq: number) => waitUntil(() => c.engine.status().cursor === seq, 5000, `cursor ${seq}`);
  const sameAsServer = async (c: TestClient) =>
    expect(checksum(await c.store.all())).toBe(checksum(await t.server.repo.liveEntries()));

  it('applies small changes from the events without a single pull, searchable at once', async () => {
    await publish(article('before'));
    const tap = eventTap();
    const c = await liveClient(tap);
    await atCursor(c, 1);
    const pullsAtStart = tap.pulls;
    await publish(article('one', 'en', { title: 'Lighthouse keeper' }));
    await publish(article('two'), article('three', 'fr'));
    const last = await publish(article('one', 'en', { title: 'Harbour master' }));
    await atCursor(c, last);
    expect(tap.pulls - pullsAtStart).toBe(0);
    await sameAsServer(c);
    expect((await c.store.get('one', 'en'))?.title).toBe('Harbour master');
    expect(c.search.search({ query: 'harbour', locale: 'en' }).map((h) => h.id)).toEqual(['one']);
    expect(c.engine.status()).toMatchObject({ state: 'online', cursor: last, lastError: null });
    expect(await c.meta.get('sync.cursor')).toBe(last);
  });

  it('pulls a change too large to travel in the event', async () => {
    const tap = eventTap();
    const c = await liveClient(tap);
    const pullsAtStart = tap.pulls;
    const seq = await publish(article('big', 'en', { body: 'x'.repeat(INLINE_PAGE_MAX_BYTES) }));
    await atCursor(c, seq);
    expect(tap.pulls - pullsAtStart).toBe(1);
    expect((await c.store.get('big', 'en'))?.body.length).toBe(INLINE_PAGE_MAX_BYTES);
  });

  it('pulls to fill a gap (a lost event), then goes on from the events', async () => {
    const tap = eventTap();
    const c = await liveClient(tap);
    const pullsAtStart = tap.pulls;
    tap.rewrite = (block) => (seqOf(block) === 2 ? null : block);
    await publish(article('a'));
    await atCursor(c, 1);
    await publish(article('b')); // its event is lost
    const third = await publish(article('c')); // its page starts after 2: not contiguous with cursor 1
    await atCursor(c, third);
    expect(tap.pulls - pullsAtStart).toBe(1);
    tap.rewrite = (block) => block;
    const fourth = await publish(article('d'));
    await atCursor(c, fourth);
    expect(tap.pulls - pullsAtStart).toBe(1);
    await sameAsServer(c);
  });

  it('refuses a page that breaks the sequence and pulls the real one', async () => {
    const tap = eventTap();
    const logs: string[] = [];
    const c = await liveClient(tap, { log: (line) => logs.push(line) });
    const pullsAtStart = tap.pulls;
    // The event claims its item is seq 7 while the page continues cursor 0 with 1 item.
    tap.rewrite = (block) => block.replace('"items":[{"seq":1,', '"items":[{"seq":7,');
    const seq = await publish(article('forged'));
    await atCursor(c, seq);
    expect(tap.pulls - pullsAtStart).toBe(1);
    expect(logs).toEqual(['refused the changes an event carried (sequence gap: items.0 has seq 7, expected 1); pulling them instead']);
    await sameAsServer(c);
  });

  it('applies a burst of events that arrived together in one transaction and one index update', async () => {
    const tap = eventTap();
    const c = await liveClient(tap);
    const batches: EntryChange[][] = [];
    c.store.onChange((changes) => batches.push([...changes]));
    const { pulls } = await heldBurst(tap, c, ['p', 'q', 'r', 's', 't']);
    expect(pulls).toBe(0);
    expect(batches.map((b) => b.map((change) => (change.type === 'upsert' ? change.entry.id : '')))).toEqual([['p', 'q', 'r', 's', 't']]);
  });

  it('folds a burst of pokes into one pull (events without their changes)', async () => {
    const tap = eventTap();
    const c = await liveClient(tap, { inlineChanges: false });
    const { pulls } = await heldBurst(tap, c, ['p', 'q', 'r', 's', 't']);
    expect(pulls).toBe(1);
    await sameAsServer(c);
  });

  it('pulls every change from a server whose events carry none (before issue #19)', async () => {
    await t.close();
    t = await sqliteServer({ inlineChanges: false });
    const tap = eventTap();
    const c = await liveClient(tap);
    const pullsAtStart = tap.pulls;
    await atCursor(c, await publish(article('a')));
    await atCursor(c, await publish(article('b')));
    expect(tap.pulls - pullsAtStart).toBe(2);
    expect(tap.delivered.filter((b) => b.includes('"page"'))).toEqual([]);
    await sameAsServer(c);
  });

  it('restarted in the middle of a burst, resumes from its cursor without a gap', async () => {
    const tap = eventTap();
    const first = await liveClient(tap);
    const publishing = (async () => {
      for (let i = 0; i < 10; i += 1) await publish(article(`b${i}`));
    })();
    await waitUntil(() => first.engine.status().cursor >= 3, 5000, 'part of the burst');
    await first.close(); // events of the burst may still be on their way: they are lost with it
    clients.splice(clients.indexOf(first), 1);
    await publishing;
    for (let i = 10; i < 30; i += 1) await publish(article(`b${i}`));
    const retap = eventTap();
    const again = await liveClient(retap, {}, first.dir);
    await atCursor(again, 30);
    const resumedAfter = Number(/after=(\d+)/.exec(retap.pullUrls[0] ?? '')?.[1]);
    expect(resumedAfter).toBeGreaterThanOrEqual(3);
    expect(resumedAfter).toBeLessThanOrEqual(10);
    await sameAsServer(again);
    expect(await again.store.count()).toBe(30);
  });
});
