/**
 * Issue #18's "done when", in the browser: the agent's search for "money back" finds nothing;
 * the lead reads it in this week's top missed searches (`npm run cli -- report no-results`), adds
 * a synonym from it, another lead approves it, and the agent's identical search finds the
 * refunds article once the synonyms reached the agent (searches ask for them, at most every 10 s). Real knowledge server, the harness (the app's core and services) and Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as report from '../../main/cli/commands/report';
import * as synonyms from '../../main/cli/commands/synonyms';
import { sqliteServer, type TestServer } from '../integration/server/test-server';
import { publishRefunds } from '../integration/signals/refunds-article';
import { cli } from '../integration/workflow/cli-helpers';
import { options, typeQuery, useHarness } from './setup';

// The organisation lets missed searches be reported with their text (default: a hash only).
const policyDir = mkdtempSync(path.join(os.tmpdir(), 'cuecard-policy-'));
const policyFile = path.join(policyDir, 'policy.json');
writeFileSync(policyFile, JSON.stringify({ reportQueryText: 'on' }));

const e2e = useHarness(['--policy', policyFile]);
let t: TestServer;
let lead2: string;

beforeAll(async () => {
  t = await sqliteServer();
  lead2 = await t.server.tokens.create('bo-lead', 'lead');
  expect((await publishRefunds(t)).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  rmSync(policyDir, { recursive: true, force: true });
});

describe('leads turn missed searches into synonyms', () => {
  it('a missed search reaches the report, becomes an approved synonym, and the same search then finds the entry', async () => {
    const { page } = await e2e.open();
    await page.keyboard.press('Control+,');
    await page.getByLabel('Server URL').fill(t.url);
    await page.getByLabel('Access token').fill(t.tokens.agent);
    await page.getByRole('button', { name: 'Save server settings' }).click();
    await expect.poll(() => page.locator('.status-bar [role="status"]').textContent(), { timeout: 30_000 }).toMatch(/^Online/);
    await page.keyboard.press('Escape');

    await typeQuery(page, 'money back');
    await page.getByText('No results for “money back”.').waitFor();
    await page.keyboard.press('Escape'); // the overlay hides: the search ended with nothing used

    const lead = ['--server', t.url, '--token', t.tokens.lead];
    const missed = async () => (await cli(report, ['no-results', '--json', ...lead])).out.map((l) => JSON.parse(l) as { query: string | null; searches: number });
    await expect.poll(missed, { timeout: 30_000 }).toEqual([{ queryKey: expect.any(String), locale: 'en', query: 'money back', searches: 1 }]);

    const added = await cli(synonyms, ['add', '--locale', 'en', '--terms', 'money back', '--one-way-to', 'refund', ...lead]);
    expect(added.code).toBe(0);
    const ruleId = (added.out[0] as string).split(' ')[0] as string;
    expect((await cli(synonyms, ['approve', ruleId, '--server', t.url, '--token', lead2])).code).toBe(0);

    // The agent searches again; a search asks the server for new synonyms (at most every 10 s),
    // so the approved rule applies within seconds, without waiting for the next pull.
    const searchAgain = async () => {
      await typeQuery(page, 'money back');
      return (await options(page).count()) > 0 ? options(page).first().locator('.result-title').textContent() : null;
    };
    await expect.poll(searchAgain, { timeout: 30_000 }).toBe('Refunds for cancelled orders');
  });

  it('shows in Settings what is reported, and the agent can turn reporting off', async () => {
    const { page } = await e2e.open();
    await page.keyboard.press('Control+,');
    const section = page.getByRole('group', { name: 'What Cuecard reports' });
    await section.waitFor();
    await section.getByText('Your organisation also receives the text of those searches.').waitFor();
    await section.getByRole('table', { name: 'Counts waiting to be sent' }).waitFor();
    await section.getByLabel('Send usage counts to my team’s knowledge server').click(); // saved, then re-rendered unchecked
    await section.getByRole('table', { name: 'Counts waiting to be sent' }).waitFor({ state: 'detached' });
    const view = await page.evaluate(() => window.cuecard!.getSettings({}));
    expect(view.ok && view.value.usageReports).toBe(false);
  });
});
