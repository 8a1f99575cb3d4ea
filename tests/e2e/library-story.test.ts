/**
 * The Library end to end (issue #14) in Chromium against a real server: two leads and an agent,
 * each with their own harness (`--server <url> --token <token>`). Lena writes and submits an entry
 * and cannot approve it herself; Bo approves it; the agent's overlay finds it. Also: an agent's
 * token never gets the Library, templates are checked as they are typed, pasted rich text stays
 * plain, an unsaved edit survives closing the window. Screenshots for the README.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { publishLive, sqliteServer, type TestServer } from '../integration/server/test-server';
import { launchBrowser, screenshot, type OverlayPage } from './browser';
import { startHarness, type Harness } from './harness-process';
import { openFirstHit, openLibraryPage, libraryRows } from './library-pages';
import { options, typeQuery } from './setup';
import { openOverlay } from './browser';

let t: TestServer;
let browser: Browser;
const harness: Record<'lena' | 'bo' | 'agent', Harness> = {} as never;
let opened: OverlayPage[] = [];

beforeAll(async () => {
  t = await sqliteServer();
  const bo = await t.server.tokens.create('bo-lead', 'lead');
  const live = await publishLive(t, {
    entries: [
      { id: 'kb/vpn', locale: 'en', kind: 'article', title: 'Connect to the VPN', body: 'Open the VPN app and sign in with your work account.', tags: ['it'] },
      { id: 'kb/vpn', locale: 'de', kind: 'article', title: 'Mit dem VPN verbinden', body: 'Öffne die VPN-App und melde dich an.', tags: ['it'] },
      { id: 'kb/refund', locale: 'en', kind: 'template', title: 'Refund confirmation', body: 'Hi {{ customer.first_name }}, your refund of {{ amount }} is on its way.', tags: ['billing'] },
    ],
  });
  expect(live.status).toBe(200);
  [harness.lena, harness.bo, harness.agent] = await Promise.all([
    startHarness(['--server', t.url, '--token', t.tokens.lead]),
    startHarness(['--server', t.url, '--token', bo]),
    startHarness(['--server', t.url, '--token', t.tokens.agent]),
  ]);
  browser = await launchBrowser();
}, 180_000);
afterEach(() => {
  const problems = opened.flatMap((page) => page.problems);
  opened = [];
  expect(problems, 'console errors, page errors, dialogs or CSP violations').toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(harness).map((h) => h?.stop()));
  await t?.close();
});

const library = async (who: keyof typeof harness, options: Parameters<typeof openLibraryPage>[2] = {}) => {
  const page = await openLibraryPage(browser, harness[who].url, options);
  opened.push(page);
  return page.page;
};

describe('the Library', () => {
  it('is refused to an agent’s token: the page says so and main refuses the calls', async () => {
    const page = await library('agent', { expectBlocked: true });
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The Library is for leads and admins; "alex-agent" is an agent.');
    expect(await page.getByRole('button', { name: 'New' }).count()).toBe(0);
    const direct = await page.evaluate(() => window.cuecardLibrary!.load({ refresh: true }));
    expect(direct).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
  });

  it('opens from the overlay’s key for a lead, and tells an agent it is for leads', async () => {
    const agent = await openOverlay(browser, harness.agent.url);
    opened.push(agent);
    await agent.page.keyboard.press('Control+Shift+L');
    await expect.poll(() => agent.page.locator('.toast').textContent()).toBe('The Library is for leads and admins; "alex-agent" is an agent.');
    expect((await harness.agent.get<{ libraryOpens: number }>('state')).libraryOpens).toBe(0);
    const lead = await openOverlay(browser, harness.lena.url);
    opened.push(lead);
    await lead.page.keyboard.press('Control+Shift+L');
    await expect.poll(async () => (await harness.lena.get<{ libraryOpens: number }>('state')).libraryOpens).toBe(1);
  });

  it('two leads and an agent: write, submit, no self-approval, approve, the agent finds it', async () => {
    const lena = await library('lena');
    await lena.getByRole('button', { name: 'New' }).click();
    await lena.getByLabel('Id').fill('kb/library-story');
    await lena.getByLabel('Locale', { exact: true }).selectOption('en');
    await lena.getByRole('textbox', { name: 'Title', exact: true }).fill('Printer queue is stuck');
    await lena.getByRole('textbox', { name: 'Body', exact: true }).fill('Restart the print spooler, then send the job again.');
    await lena.keyboard.press('Control+s');
    await expect.poll(() => lena.getByRole('status').first().textContent()).toBe('Saved a draft of "Printer queue is stuck".');
    await lena.getByRole('textbox', { name: 'Body', exact: true }).fill('Restart the print spooler service, then send the job again.');
    await lena.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => lena.getByRole('status').first().textContent()).toBe('Submitted "Printer queue is stuck" for review.');
    // Her own version: Approve is there but disabled, and says why.
    const approve = lena.getByRole('button', { name: 'Approve' });
    await expect.poll(() => approve.isDisabled()).toBe(true);
    expect(await lena.locator('#self-approval').textContent()).toBe('You wrote this version: another lead must approve it (four eyes).');

    const bo = await library('bo');
    await openFirstHit(bo, 'printer spooler', 'Printer queue is stuck');
    const diff = bo.getByRole('group', { name: 'Text changes, live → in review' });
    expect(await diff.locator('ins').allTextContents()).toEqual(['Restart the print spooler service, then send the job again.']);
    await bo.getByRole('region', { name: 'Review' }).scrollIntoViewIfNeeded();
    await screenshot(bo, 'library-review-diff-light');

    const agent = await openOverlay(browser, harness.agent.url);
    opened.push(agent);
    await typeQuery(agent.page, 'print spooler');
    expect(await options(agent.page).locator('.result-title').allTextContents()).not.toContain('Printer queue is stuck');

    const started = performance.now();
    await bo.getByRole('button', { name: 'Approve' }).click();
    let seenAt = 0;
    await expect
      .poll(
        async () => {
          await typeQuery(agent.page, 'print spooler');
          const titles = await options(agent.page).locator('.result-title').allTextContents();
          if (titles.includes('Printer queue is stuck') && seenAt === 0) seenAt = performance.now();
          return titles;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toContain('Printer queue is stuck');
    // The figure for the note (not asserted: the machine's load decides it).
    console.log(`[library] Approve → agent overlay shows the change: ${Math.round(seenAt - started)} ms`);
    expect(await bo.getByRole('status').first().textContent()).toBe('Approved: "Printer queue is stuck" (en).');
  });

  it('checks a template as it is typed, with line and column, and previews it with sample values', async () => {
    const lena = await library('lena');
    await openFirstHit(lena, 'refund', 'Refund confirmation');
    const body = lena.getByRole('textbox', { name: 'Body', exact: true });
    await body.fill('Hi {{ customer.first_name }},\nyour refund of {{ amount is on its way.');
    await expect.poll(() => lena.locator('#template-error').textContent()).toMatch(/^Line 2, column \d+: /);
    expect(await lena.getByRole('button', { name: 'Submit for review' }).isDisabled()).toBe(true);
    await body.fill('Hi {{ customer.first_name }},\nyour refund of {{ amount }} is on its way.');
    await lena.getByRole('status').filter({ hasText: 'The template parses.' }).waitFor();
    await lena.getByRole('textbox', { name: /Customer first name/ }).fill('Ana');
    await expect.poll(() => lena.getByLabel('Preview').textContent()).toBe('Hi Ana,\nyour refund of [Amount] is on its way.');
    await lena.getByLabel('Preview').scrollIntoViewIfNeeded();
    await screenshot(lena, 'library-editor-preview-light');

    // What agents get pre-filled (issue #18), read-only beside the variables.
    await body.fill('{% prefill order.number pattern: "[A-Z]-\\\\d{4,}" %}{% prefill customer.first_name from: "selection" %}Hi {{ customer.first_name }}, order {{ order.number }}.');
    const prefills = lena.getByRole('region', { name: 'Filled from the agent’s context' });
    await expect
      .poll(() => prefills.getByRole('listitem').allTextContents())
      .toEqual([
        'Customer first name customer.first_name: the text the agent had selected, whole',
        'Order number order.number: the clipboard, the first match of the pattern [A-Z]-\\d{4,}',
      ]);
    await lena.getByRole('button', { name: 'Discard changes' }).click();
  });

  it('keeps pasted rich text as plain text, and an unsaved edit across closing the window', async () => {
    const lena = await library('lena');
    await openFirstHit(lena, 'vpn', 'Connect to the VPN');
    const body = lena.getByRole('textbox', { name: 'Body', exact: true });
    await body.fill('');
    await body.focus();
    await lena.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/html', '<b>Bold</b> <a href="https://example.com">link</a>');
      data.setData('text/plain', 'Bold link');
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => body.inputValue()).toBe('Bold link');
    await body.fill('An edit nobody saved yet.');
    const kept = () => lena.evaluate(() => window.cuecardLibrary!.getEntry({ id: 'kb/vpn', locale: 'en' }).then((a) => (a.ok ? a.value.localDraft?.body : null)));
    await expect.poll(kept).toBe('An edit nobody saved yet.');
    await opened.pop()?.close();

    const again = await library('lena');
    await expect.poll(() => libraryRows(again).filter({ hasText: 'Unsaved' }).count()).toBe(1);
    await openFirstHit(again, 'vpn', 'Connect to the VPN');
    expect(await again.getByRole('textbox', { name: 'Body', exact: true }).inputValue()).toBe('An edit nobody saved yet.');
    // Side by side: the other language of the same entry.
    expect(await again.getByRole('complementary', { name: 'Other languages' }).locator('.side-title').textContent()).toBe('Mit dem VPN verbinden');
    await screenshot(again, 'library-list-light');
    await again.getByRole('button', { name: 'Discard changes' }).click();
  });

  it('dark theme screenshots of the list, the editor with its preview and the review diff', async () => {
    const lena = await library('lena', { colorScheme: 'dark' });
    await openFirstHit(lena, 'refund', 'Refund confirmation');
    await lena.getByRole('textbox', { name: /Customer first name/ }).fill('Ana');
    await expect.poll(() => lena.getByLabel('Preview').textContent()).toBe('Hi Ana, your refund of [Amount] is on its way.');
    expect(await lena.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await lena.getByLabel('Preview').scrollIntoViewIfNeeded();
    await screenshot(lena, 'library-editor-preview-dark');
    await lena.getByRole('textbox', { name: 'Body', exact: true }).fill('Hello {{ customer.first_name }}, your refund of {{ amount }} is on its way to you.');
    await lena.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => lena.getByRole('status').first().textContent()).toBe('Submitted "Refund confirmation" for review.');
    await screenshot(lena, 'library-list-dark');
    const bo = await library('bo', { colorScheme: 'dark' });
    await openFirstHit(bo, 'refund', 'Refund confirmation');
    await bo.getByRole('group', { name: 'Text changes, live → in review' }).locator('ins').first().waitFor();
    await bo.getByRole('region', { name: 'Review' }).scrollIntoViewIfNeeded();
    await screenshot(bo, 'library-review-diff-dark');
  });

  it('draws 100,000 entries as a virtualised list, scrollable by keyboard to the end', async () => {
    const page = await openLibraryPage(browser, harness.lena.url);
    opened.push(page);
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      id: `bulk/${String(i).padStart(6, '0')}`, locale: 'en', kind: 'article', title: `Bulk entry ${String(i).padStart(6, '0')}`, state: 'approved', version: 1,
      owner: 'lena-lead', author: 'lena-lead', tags: ['bulk'], updatedAt: '2026-01-01T00:00:00.000Z', verificationDueAt: null, due: false, flagged: false, stale: false, unsaved: false,
    }));
    // The list's input is main's answer; here it is 100,000 rows, as main would send for a big library.
    await page.page.route('**/bridge/library/load', (route) => route.fulfill({ json: { ok: true, value: { rows, loadedAt: '2026-01-01T00:00:00.000Z' } } }));
    const started = performance.now();
    await page.page.reload();
    await page.page.getByRole('status').filter({ hasText: '100,000 of 100,000 entries' }).waitFor({ timeout: 60_000 });
    const shownAt = performance.now();
    const list = page.page.getByRole('listbox', { name: 'Entries' });
    await list.focus();
    await page.page.keyboard.press('End');
    await list.getByRole('option', { name: /Bulk entry 099999/ }).waitFor();
    console.log(`[library] 100,000 rows: page load to list shown ${Math.round(shownAt - started)} ms; End to last row ${Math.round(performance.now() - shownAt)} ms`);
    // Only the rows in view (and a few either side) are in the DOM.
    expect(await list.getByRole('option').count()).toBeLessThan(60);
    await page.page.unroute('**/bridge/library/load');
  });

  it('at 200 % zoom (half the viewport) nothing needs sideways scrolling and every control is reachable by Tab', async () => {
    const page = (await library('lena', { width: 640, height: 430 }));
    await openFirstHit(page, 'vpn', 'Connect to the VPN');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    const reached = new Set<string>();
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : el?.closest('label')?.querySelector('span')?.textContent;
        return el?.tagName === 'BUTTON' ? (el.textContent ?? '') : (label ?? el?.getAttribute('aria-label') ?? '');
      });
      reached.add(name.trim());
    }
    for (const name of ['New', 'Title', 'Body', 'Locale', 'Save draft', 'Submit for review', 'Entries', 'Search']) expect(reached, name).toContain(name);
  });
});
