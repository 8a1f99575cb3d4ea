/**
 * Issue #18 end to end in Node, on a real server and the agent's real core and app services: an
 * agent's search that finds nothing becomes a missed-search count on the server, a lead reads it
 * in the no-results report, adds a synonym from it, another lead approves it, and the agent's
 * next identical search finds the entry. Reporting off: not one request to /v1/signals leaves.
 * Run on SQLite (leads-loop.test.ts) and PostgreSQL (the `pg` project), so the signal and report
 * SQL is checked on both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SearchResponse } from '../../../common/ipc-contract';
import type { ManagedPolicy } from '../../../main/settings/policy-schema';
import * as report from '../../../main/cli/commands/report';
import * as synonyms from '../../../main/cli/commands/synonyms';
import { startQuietApp } from '../../helpers/quiet-app';
import { cli } from '../workflow/cli-helpers';
import { api, article, publishLive, type ServerFactory, type TestServer } from '../server/test-server';
import { publishRefunds } from './refunds-article';

export function defineLeadsLoopSuite(name: string, factory: ServerFactory): void {
let t: TestServer;
let lead2: string;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  t = await factory();
  lead2 = await t.server.tokens.create('bo-lead', 'lead');
  expect((await publishRefunds(t)).status).toBe(200);
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(() => t.close());

async function agent(policy: ManagedPolicy, requests: string[] = []) {
  const recordingFetch: typeof fetch = (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return fetch(input, init);
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-signals-'));
  const { core, app, call } = await startQuietApp(dataDir, cleanup, { fetch: recordingFetch }, policy);
  await core.settings.update({ serverUrl: t.url, token: t.tokens.agent });
  expect((await app.sync.syncNow()).ok).toBe(true);
  const search = async (query: string) => {
    const answer = (await call('search', { query })) as { ok: true; value: SearchResponse };
    return answer.value.hits.map((h) => h.id);
  };
  return { core, app, call, search };
}

describe(`the leads loop: missed searches → synonym → found (${name})`, () => {
  it('a lead sees the missed search, adds a synonym from it, another lead approves it, and the same search finds the entry', async () => {
    const { app, call, search } = await agent({ reportQueryText: 'on' });
    expect(await search('money back ')).toEqual([]);
    await call('hideOverlay'); // the search ended with nothing used
    await app.signals.flush();

    const missed = await cli(report, ['no-results', '--json', '--server', t.url, '--token', t.tokens.lead]);
    expect(missed.code).toBe(0);
    expect(missed.out.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      { queryKey: expect.stringMatching(/^q-[0-9a-f]{32}$/), locale: 'en', query: 'money back', searches: 1 },
    ]);

    const added = await cli(synonyms, ['add', '--locale', 'en', '--terms', 'money back', '--one-way-to', 'refund', '--server', t.url, '--token', t.tokens.lead]);
    expect(added.code).toBe(0);
    const ruleId = (added.out[0] as string).split(' ')[0] as string;
    expect((await cli(synonyms, ['approve', ruleId, '--server', t.url, '--token', t.tokens.lead])).code).toBe(1); // four eyes
    expect((await cli(synonyms, ['approve', ruleId, '--server', t.url, '--token', lead2])).code).toBe(0);

    await app.sync.syncNow(); // the next pull brings the synonyms
    await app.synonyms.refresh();
    expect(await search('money back ')).toEqual(['kb/refunds']);
  });

  it('sends the missed search as a count without its text unless the policy allows the text', async () => {
    const { app, call, search } = await agent({});
    expect(await search('store credit please ')).toEqual([]);
    await call('hideOverlay');
    await app.signals.flush();
    const missed = await cli(report, ['no-results', '--json', '--server', t.url, '--token', t.tokens.lead]);
    const rows = missed.out.map((l) => JSON.parse(l) as { query: string | null; searches: number });
    expect(rows.filter((r) => r.query === null)).toEqual([{ queryKey: expect.any(String), locale: 'en', query: null, searches: 1 }]);
  });

  it('with reporting turned off, not one request to /v1/signals leaves and nothing is kept', async () => {
    const requests: string[] = [];
    const { core, app, call, search } = await agent({}, requests);
    await core.settings.update({ usageReports: false });
    expect(await search('nothing like this ')).toEqual([]);
    await call('hideOverlay');
    await app.signals.flush();
    await app.sync.syncNow();
    expect(requests.filter((r) => r.includes('/v1/signals'))).toEqual([]);
    expect(requests.length).toBeGreaterThan(0); // the sync itself did talk to the server
  });

  it('answers an empty report for a range with no data', async () => {
    for (const name of ['no-results', 'usage', 'edits']) {
      const empty = await cli(report, [name, '--json', '--since', '2020-01-01', '--until', '2020-01-07', '--server', t.url, '--token', t.tokens.lead]);
      expect(empty).toEqual({ code: 0, out: [], err: [`${name} 2020-01-01 … 2020-01-07: 0 row(s)`] });
    }
  });

  it('does not fetch the synonyms again for every change a sync applies (at most once in 10 s)', async () => {
    const requests: string[] = [];
    const { app } = await agent({}, requests);
    requests.length = 0;
    for (let n = 0; n < 5; n += 1) {
      expect((await publishLive(t, { entries: [article(`kb/burst-${n}`)] })).status).toBe(200);
      expect((await app.sync.syncNow()).ok).toBe(true);
    }
    expect(requests.filter((r) => r === 'GET /v1/changes')).toHaveLength(5);
    // Five status changes; the synonyms were fetched when the agent started, under 10 s ago (a
    // slow start may let one more through). Each status used to cost a request: 5.
    expect(requests.filter((r) => r === 'GET /v1/synonyms').length).toBeLessThanOrEqual(1);
  });

  it('sums usage and edit counts per entry across batches, counts a resent batch once, and reports them', async () => {
    const day = '2031-03-04';
    const batch = (batchId: string, items: object[]) => api(t.url, t.tokens.agent, 'POST', '/v1/signals', { batchId, items });
    const first = [
      { day, kind: 'found', key: 'kb/refunds', locale: 'en', n: 5 },
      { day, kind: 'opened', key: 'kb/refunds', locale: 'en', n: 2 },
      { day, kind: 'inserted', key: 'kb/refunds', locale: 'en', n: 1 },
      { day, kind: 'edited', key: 'kb/refunds', locale: 'en', n: 2, ratioSum: 0.5 },
    ];
    expect((await batch('6f1c2a3e-0000-4000-8000-000000000001', first)).json).toEqual({ batchId: '6f1c2a3e-0000-4000-8000-000000000001', duplicate: false });
    expect((await batch('6f1c2a3e-0000-4000-8000-000000000001', first)).json.duplicate).toBe(true);
    await batch('6f1c2a3e-0000-4000-8000-000000000002', [
      { day, kind: 'copied', key: 'kb/refunds', locale: 'en', n: 3 },
      { day, kind: 'edited', key: 'kb/refunds', locale: 'en', n: 1, ratioSum: 0.4 },
    ]);
    const range = `since=${day}&until=${day}`;
    const usage = await api(t.url, t.tokens.lead, 'GET', `/v1/reports/usage?${range}`);
    expect(usage.json.rows.filter((r: { group: string }) => r.group === 'most')).toEqual([
      { id: 'kb/refunds', locale: 'en', title: 'Refunds for cancelled orders', found: 5, opened: 2, inserted: 1, copied: 3, lastUsed: day, group: 'most' },
    ]);
    const edits = await api(t.url, t.tokens.lead, 'GET', `/v1/reports/edits?${range}`);
    expect(edits.json.rows).toEqual([{ id: 'kb/refunds', locale: 'en', title: 'Refunds for cancelled orders', edits: 3, meanEditRatio: 0.3 }]);
  });

  it('an approval reaches a live agent as an event: it fetches the synonyms at once, without a search or a pull', async () => {
    const requests: string[] = [];
    const { app, search } = await agent({}, requests);
    app.sync.start();
    cleanup.push(async () => app.sync.stop());
    // 'online' already holds from the first pull: wait for the event stream itself to be open and
    // its catch-up pull sent (onOpen), or, on a loaded machine, that pull lands after the reset
    // below and the approval's event can go out before the server holds this stream.
    await vi.waitFor(
      () => {
        const opened = requests.lastIndexOf('GET /v1/events');
        expect(opened).toBeGreaterThanOrEqual(0);
        expect(requests.slice(opened).some((r) => r.startsWith('GET /v1/changes'))).toBe(true);
        expect(app.sync.status().state).toBe('online');
      },
      { timeout: 20_000 },
    );
    await app.synonyms.refresh(); // the 10 s throttle starts now: only the event can fetch again
    const added = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', { rules: [{ locale: 'en', terms: ['cash returned'], oneWayTo: 'refund' }] });
    requests.length = 0;
    expect((await api(t.url, lead2, 'POST', `/v1/synonyms/${added.json.rules[0].ruleId}/approve`)).status).toBe(200);
    await vi.waitFor(() => expect(requests).toContain('GET /v1/synonyms'), { timeout: 20_000 });
    expect(requests.filter((r) => r.startsWith('GET /v1/changes'))).toEqual([]);
    await vi.waitFor(async () => expect(await search('cash returned ')).toEqual(['kb/refunds']), { timeout: 20_000 });
  });
});
}
