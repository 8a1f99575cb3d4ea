import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './browser';
import type { HarnessState } from './harness-process';
import { bridgeIdle, selectedOptionTitle, typeQuery, useHarness } from './setup';

const now = new Date().toISOString();
const base = { locale: 'en', tags: [], urlOrPath: null, version: 1, updatedAt: now, approvedBy: null, approvedAt: null, reviewState: 'needs_review' as const };

/** Content a compromised or careless knowledge server could send. */
const hostileArticle = {
  ...base,
  id: 'e2e/hostile-article',
  kind: 'article' as const,
  title: 'Warehouse opening hours',
  body: [
    '# Opening hours',
    '',
    'The warehouse is open **Monday to Friday**. <img src=x onerror="window.__xss=1">',
    '',
    'See [the hours page](https://help.northwind.example/hours), [click](javascript:window.__xss=2),',
    '[data link](data:text/html,<script>window.__xss=4</script>) or write to [support](mailto:help@northwind.example).',
    '',
    '<script>window.__xss=3</script>',
    '<a href="javascript:window.__xss=5">raw link</a>',
  ].join('\n'),
};

const brokenTemplate = {
  ...base,
  id: 'e2e/broken-template',
  kind: 'template' as const,
  title: 'Loyalty points balance',
  body: 'Hi {{ customer.first_name },\n\n{% if points > %}You have {{ points }} points.{% endif',
};

describe('article reader and hostile content', () => {
  const e2e = useHarness();

  beforeAll(async () => {
    await e2e.harness.post('entries', [hostileArticle, brokenTemplate]);
  });

  it('renders hostile Markdown inertly: no script, no <img>, only https/mailto links', async () => {
    const { page } = await e2e.open();
    await typeQuery(page, 'warehouse opening hours');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Warehouse opening hours');
    // The preview renders the same content: it must already be inert there.
    await expect.poll(() => page.locator('.preview-body').count()).toBe(1);
    expect(await page.locator('.preview').textContent()).toContain('Needs review');
    await page.keyboard.press('Enter');

    const reader = page.getByRole('region', { name: 'Article text' });
    await reader.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Article text');
    expect(await page.getByRole('heading', { level: 2, name: 'Warehouse opening hours' }).count()).toBe(1);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('[onerror], [onclick], script:not([src])').count()).toBe(0);
    // Raw HTML is shown as text, never parsed.
    expect(await reader.textContent()).toContain('<img src=x onerror=');
    const hrefs = await reader.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs).toEqual(['https://help.northwind.example/hours', 'mailto:help@northwind.example']);

    // The javascript: link is plain text (nothing to click); clicking a real one asks main to open it.
    expect(await reader.getByRole('link', { name: 'click' }).count()).toBe(0);
    await reader.getByText(/, click,/).click();
    const pageUrl = page.url();
    await reader.getByRole('link', { name: 'the hours page' }).click();
    await expect
      .poll(async () => (await e2e.harness.get<HarnessState>('state')).openedLinks)
      .toContain('https://help.northwind.example/hours');
    expect(page.url()).toBe(pageUrl);

    // Keyboard: Tab reaches the mail link, Enter opens it through main as well.
    await reader.getByRole('link', { name: 'support' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await e2e.harness.get<HarnessState>('state')).openedLinks)
      .toContain('mailto:help@northwind.example');
    expect(page.url()).toBe(pageUrl);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();

    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cuecard-query');
  });

  it('shows a broken template as an error and never inserts it', async () => {
    const { page } = await e2e.open();
    const before = await e2e.harness.get<HarnessState>('state');
    await typeQuery(page, 'loyalty points');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Loyalty points balance');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'This template has an error' });
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan('This template has an error'.length + 20);
    expect(await page.getByRole('button', { name: /Insert/ }).count()).toBe(0);
    const callsBefore = await bridgeIdle(page);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Enter');
    // Whatever the keys asked of main has been answered and rendered: none of it was an insert.
    const callsAfter = await bridgeIdle(page);
    expect(callsAfter.insertReply ?? 0).toBe(callsBefore.insertReply ?? 0);
    expect((await e2e.harness.get<HarnessState>('state')).lastInsert).toEqual(before.lastInsert);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cuecard-query');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`reads an article inside the overlay in the ${colorScheme} theme (screenshot)`, async () => {
      const { page, problems } = await e2e.open({ colorScheme });
      await typeQuery(page, 'return policy');
      await expect.poll(() => selectedOptionTitle(page)).toBe('Return policy');
      await page.keyboard.press('Enter');
      await page.getByRole('region', { name: 'Article text' }).waitFor();
      await screenshot(page, `reader-${colorScheme}`);
      expect(problems).toEqual([]);
    });
  }
});
