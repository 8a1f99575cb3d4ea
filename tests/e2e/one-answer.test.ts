/**
 * Issue #17's "done when": one publish → approve on the server changes the agent's overlay (the
 * harness, synced live), the bot's answer and the public FAQ page to the same text, in the same
 * language, within a second of each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, article, publishLive, sqliteServer, type TestServer } from '../integration/server/test-server';
import { recordProblems } from './browser';
import { useHarness } from './setup';

const e2e = useHarness();
let t: TestServer;
let bot: string;
const ID = 'kb/shipping-times';
const OLD = 'Parcels leave the warehouse within two working days.';
const NEW = 'Parcels leave the warehouse on the day you order.';

beforeAll(async () => {
  t = await sqliteServer();
  bot = await t.server.tokens.create('helpbot', 'bot');
  expect((await publishLive(t, article(ID, 'en', { title: 'Shipping times', body: OLD, tags: ['faq', 'public'] }))).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

/** Polls `read` until it gives `want`; resolves with the time it first did. */
async function firstSeen(read: () => Promise<string | null>, want: string): Promise<number> {
  await expect.poll(read, { timeout: 30_000, interval: 20 }).toBe(want);
  return performance.now();
}

describe('one answer everywhere', () => {
  it('an approval reaches the overlay, the bot and the FAQ with the same text within a second', async () => {
    const { page } = await e2e.open();
    await page.keyboard.press('Control+,');
    await page.getByLabel('Server URL').fill(t.url);
    await page.getByLabel('Access token').fill(t.tokens.agent);
    await page.getByRole('button', { name: 'Save server settings' }).click();
    await page.keyboard.press('Escape');

    const overlay = () =>
      page.evaluate(async (id) => {
        const result = await window.cuecard!.getEntry({ id, locale: 'en' });
        return result.ok ? result.value.body : null;
      }, ID);
    const botAnswer = async () => {
      const { json } = await api(t.url, bot, 'GET', `/v1/answers?q=${encodeURIComponent('when do parcels leave')}&locale=en`);
      return (json.answers?.[0]?.text as string | undefined) ?? null;
    };
    const faq = await e2e.browser.newPage();
    const faqProblems: string[] = [];
    await recordProblems(faq, faqProblems);
    const faqPage = async () => {
      await faq.goto(`${t.url}/faq/en/${encodeURIComponent(ID)}`);
      return ((await faq.locator('.body').textContent()) ?? '').trim();
    };
    await Promise.all([firstSeen(overlay, OLD), firstSeen(botAnswer, OLD), firstSeen(faqPage, OLD)]);

    expect((await api(t.url, t.tokens.lead, 'POST', '/v1/entries', article(ID, 'en', { title: 'Shipping times', body: NEW, tags: ['faq', 'public'] }))).status).toBe(200);
    // In review: nothing changes anywhere yet.
    expect([await overlay(), await botAnswer(), await faqPage()]).toEqual([OLD, OLD, OLD]);
    const approvedAt = performance.now();
    expect((await api(t.url, t.tokens.admin, 'POST', `/v1/entries/${encodeURIComponent(ID)}/approve`, { locale: 'en' })).status).toBe(200);

    const seen = await Promise.all([firstSeen(overlay, NEW), firstSeen(botAnswer, NEW), firstSeen(faqPage, NEW)]);
    const spread = Math.max(...seen) - Math.min(...seen);
    expect(spread, `overlay, bot, FAQ saw it ${seen.map((s) => Math.round(s - approvedAt)).join(', ')} ms after the approval`).toBeLessThanOrEqual(1000);
    expect(await page.evaluate(async (id) => (await window.cuecard!.getEntry({ id, locale: 'en' })).ok, ID)).toBe(true);
    expect(faqProblems).toEqual([]);
    await faq.context().close().catch(() => undefined);
  });
});
