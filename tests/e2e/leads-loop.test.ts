/**
 * Issue #18's "done when", in the browser: the agent's search for "money back" finds nothing; a
 * lead sees it in this week's top missed searches in the Library (Reports), turns it into a
 * synonym by keyboard (↓/S, the target, Enter), another lead approves it in the Library
 * (Synonyms), and the agent's identical search finds the refunds article: the approval reaches
 * the agent as a `synonyms` event of the event stream. Real knowledge server, three harnesses (the
 * app's core and services: the agent's and two leads') and Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, sqliteServer, type TestServer } from '../integration/server/test-server';
import { publishRefunds } from '../integration/signals/refunds-article';
import { startHarness, type Harness } from './harness-process';
import { openLibraryPage } from './library-pages';
import { options, typeQuery, useHarness } from './setup';

// The organisation lets missed searches be reported with their text (default: a hash only).
const policyDir = mkdtempSync(path.join(os.tmpdir(), 'cuecard-policy-'));
const policyFile = path.join(policyDir, 'policy.json');
writeFileSync(policyFile, JSON.stringify({ reportQueryText: 'on' }));

const e2e = useHarness(['--policy', policyFile]);
let t: TestServer;
let lena: Harness;
let bo: Harness;

beforeAll(async () => {
  t = await sqliteServer();
  const boToken = await t.server.tokens.create('bo-lead', 'lead');
  expect((await publishRefunds(t)).status).toBe(200);
  [lena, bo] = await Promise.all([startHarness(['--server', t.url, '--token', t.tokens.lead]), startHarness(['--server', t.url, '--token', boToken])]);
});
afterAll(async () => {
  await Promise.all([lena?.stop(), bo?.stop()]);
  await t?.close();
  rmSync(policyDir, { recursive: true, force: true });
});

/** Presses Tab until `target` has the focus (keyboard only; the tab order may grow). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('40 presses of Tab did not reach the control');
}

describe('leads turn missed searches into synonyms', () => {
  it('a missed search reaches the Library’s report, becomes a synonym by keyboard, another lead approves it there, and the same search then finds the entry', async () => {
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
    // The count leaves with the agent's next send; the lead opens the report once it arrived.
    const missed = async () => (await api(t.url, t.tokens.lead, 'GET', '/v1/reports/no-results')).json.rows;
    await expect.poll(missed, { timeout: 30_000 }).toEqual([{ queryKey: expect.any(String), locale: 'en', query: 'money back', searches: 1 }]);

    // Lena, in the Library: Reports, the missed search, S, the target, Enter.
    const lenaLibrary = await openLibraryPage(e2e.browser, lena.url);
    const lp = lenaLibrary.page;
    await tabTo(lp, lp.getByRole('button', { name: 'Reports', exact: true }));
    await lp.keyboard.press('Enter');
    const list = lp.getByRole('listbox', { name: 'Missed searches' });
    await list.getByRole('option', { name: /money back/ }).waitFor();
    expect(await list.getByRole('option').allTextContents()).toEqual(['money backen · 1 search']);
    await expect.poll(() => list.evaluate((el) => el === document.activeElement)).toBe(true);
    await lp.keyboard.press('s');
    const form = lp.getByRole('form', { name: 'Add synonym' });
    await form.waitFor();
    expect(await form.getByLabel('Terms (separated by ;)').inputValue()).toBe('money back');
    await lp.keyboard.type('refund'); // the target has the focus
    await lp.keyboard.press('Enter');
    await expect.poll(() => lp.getByRole('status').textContent()).toBe('Synonym “money back → refund” (en) is in review: another lead approves it under Synonyms.');
    expect((await api(t.url, t.tokens.agent, 'GET', '/v1/synonyms')).json).toEqual({ version: 0, rules: [] });

    // Bo, in his Library: Synonyms (in review), Approve.
    const boLibrary = await openLibraryPage(e2e.browser, bo.url);
    const bp = boLibrary.page;
    await tabTo(bp, bp.getByRole('button', { name: 'Synonyms', exact: true }));
    await bp.keyboard.press('Enter');
    const approve = bp.getByRole('button', { name: 'Approve money back → refund' });
    await approve.waitFor();
    await tabTo(bp, approve);
    await bp.keyboard.press('Enter');
    await expect.poll(() => bp.getByRole('status').textContent()).toBe('Synonym “money back → refund” is live; agents get synonym set version 1.');

    // The agent searches again: the approval reached it as an event, the synonym applies.
    const searchAgain = async () => {
      await typeQuery(page, 'money back');
      return (await options(page).count()) > 0 ? options(page).first().locator('.result-title').textContent() : null;
    };
    await expect.poll(searchAgain, { timeout: 30_000 }).toBe('Refunds for cancelled orders');
    expect([...lenaLibrary.problems, ...boLibrary.problems]).toEqual([]);
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
