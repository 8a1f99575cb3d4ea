/**
 * The harness behaves like the app: saving a server URL and token in Settings starts the live
 * sync (main/core/live-sync.ts, shared with main/index.ts), a refused token shows its 401 in the
 * status bar, and the right token brings the server's entries into search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishLive, sqliteServer, type TestServer } from '../integration/server/test-server';
import { options, typeQuery, useHarness } from './setup';

const e2e = useHarness();
let t: TestServer;

beforeAll(async () => {
  t = await sqliteServer();
  // Live at once (an admin's bulk approval): a lead's publish waits in review since the workflow.
  const published = await publishLive(t, {
    id: 'kb/harbour-hours',
    locale: 'en',
    kind: 'article',
    title: 'Harbour office opening hours',
    body: 'The harbour office opens at seven.',
  });
  expect(published.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('server settings in the harness', () => {
  it('starts syncing when a server URL and token are saved, and shows a refused token in the status', async () => {
    const { page, problems } = await e2e.open();
    const status = () => page.locator('.status-bar [role="status"]').textContent();
    await page.keyboard.press('Control+,');
    await page.getByLabel('Server URL').fill(t.url);
    await page.getByLabel('Access token').fill('cct_not-a-token-this-server-issued');
    await page.getByRole('button', { name: 'Save server settings' }).click();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^Offline, never synced: the server refused the token \(401\)/);

    await page.getByLabel('Access token').fill(t.tokens.agent);
    await page.getByRole('button', { name: 'Save server settings' }).click();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^Online/);
    await page.keyboard.press('Escape');
    await typeQuery(page, 'harbour office');
    await expect.poll(() => options(page).first().locator('.result-title').textContent()).toBe('Harbour office opening hours');
    expect(problems).toEqual([]);
  });
});
