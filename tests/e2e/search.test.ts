import { describe, expect, it } from 'vitest';
import { screenshot } from './browser';
import { options, searchField, selectedOptionTitle, typeQuery, useHarness } from './setup';

describe('overlay search', () => {
  const e2e = useHarness();

  it('shows results as you type, with highlights, badges and a preview', async () => {
    const { page, problems } = await e2e.open();
    await typeQuery(page, 'refund');
    await expect.poll(() => options(page).count()).toBeGreaterThan(2);
    const first = options(page).first();
    expect(await first.locator('mark').first().textContent()).toMatch(/refund/i);
    expect(await first.textContent()).toMatch(/Template|Article/);
    // The embedded sample is not signed: without an org root key every entry says so.
    expect(await first.textContent()).toContain('Unsigned');
    expect(await first.textContent()).toContain('en');
    // The preview shows the selected entry in full.
    const title = await selectedOptionTitle(page);
    await expect.poll(() => page.getByRole('complementary', { name: 'Preview' }).getByRole('heading', { level: 2 }).textContent()).toBe(title);
    // Live region announces the count.
    const count = await options(page).count();
    await expect.poll(() => page.locator('[role="status"][aria-live="polite"]').first().textContent()).toBe(`${count} results`);
    expect(problems).toEqual([]);
  });

  it('is an ARIA combobox whose active descendant follows ↑/↓ and Ctrl+N/Ctrl+P', async () => {
    const { page, problems } = await e2e.open();
    const field = searchField(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cuecard-query');
    await typeQuery(page, 'order');
    await expect.poll(() => options(page).count()).toBeGreaterThan(3);
    const listboxId = await page.getByRole('listbox').getAttribute('id');
    expect(await field.getAttribute('aria-controls')).toBe(listboxId);
    expect(await field.getAttribute('aria-expanded')).toBe('true');
    const activeId = () => field.getAttribute('aria-activedescendant');
    const selectedId = () => page.locator('[role="option"][aria-selected="true"]').getAttribute('id');
    expect(await activeId()).toBe(await options(page).nth(0).getAttribute('id'));

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await activeId()).toBe(await options(page).nth(2).getAttribute('id'));
    expect(await selectedId()).toBe(await activeId());
    await page.keyboard.press('ArrowUp');
    expect(await activeId()).toBe(await options(page).nth(1).getAttribute('id'));
    await page.keyboard.press('Control+n');
    expect(await activeId()).toBe(await options(page).nth(2).getAttribute('id'));
    await page.keyboard.press('Control+p');
    await page.keyboard.press('Control+p');
    expect(await activeId()).toBe(await options(page).nth(0).getAttribute('id'));
    // Exactly one option is selected and focus never left the field.
    expect(await page.locator('[role="option"][aria-selected="true"]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cuecard-query');
    expect(problems).toEqual([]);
  });

  it('shows recent and frequent entries for an empty query', async () => {
    const { page } = await e2e.open();
    await typeQuery(page, 'x');
    await searchField(page).fill('');
    await expect.poll(() => page.getByRole('heading', { name: 'Recent and frequent' }).count()).toBe(1);
    expect(await page.getByRole('listbox').getAttribute('aria-label')).toBe('Recent and frequent');
  });

  it('says when nothing matches and suggests what to try', async () => {
    const { page } = await e2e.open();
    await typeQuery(page, 'zzqxv wibblequark');
    await expect.poll(() => page.getByText('No results for “zzqxv wibblequark”.').count()).toBe(1);
    expect(await page.getByText('Use fewer or more general words.').count()).toBe(1);
    expect(await page.getByText('Check the spelling.').count()).toBe(1);
    expect(await page.getByText(/Try another language/).count()).toBe(1);
    expect(await searchField(page).getAttribute('aria-expanded')).toBe('false');
  });

  it('focuses and selects the field when the hotkey shows the overlay', async () => {
    const { page } = await e2e.open();
    await typeQuery(page, 'warranty');
    await page.getByRole('button', { name: 'Settings' }).focus();
    await e2e.harness.post('show');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cuecard-query');
    const selection = await page.evaluate(() => {
      const field = document.activeElement as HTMLInputElement;
      return field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0);
    });
    expect(selection).toBe('warranty');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`renders the result list in the ${colorScheme} theme (screenshot)`, async () => {
      const { page, problems } = await e2e.open({ colorScheme });
      await typeQuery(page, 'cancel order');
      await expect.poll(() => options(page).count()).toBeGreaterThan(2);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.locator('.preview-body').count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
      await screenshot(page, `results-${colorScheme}`);
      expect(problems).toEqual([]);
    });
  }

  it('asks main only for the newest query while a search is in flight, and never paints an older answer (issue #19)', async () => {
    const { page, problems } = await e2e.open();
    await typeQuery(page, 'x');
    const asked: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/bridge/search', async (route) => {
      const { query } = route.request().postDataJSON() as { query: string };
      asked.push(query);
      if (query === 'ref') await held; // main is slow on this one
      await route.continue();
    });
    await page.evaluate(() => {
      const painted: string[] = [];
      window.__painted = painted;
      new PerformanceObserver((list) => {
        for (const mark of list.getEntries()) {
          if (mark.name === 'cuecard:results-painted') painted.push((mark as PerformanceMark).detail.query as string);
        }
      }).observe({ type: 'mark' });
    });
    const field = searchField(page);
    await field.fill('ref');
    await expect.poll(() => asked).toEqual(['ref']);
    await field.pressSequentially('und', { delay: 5 }); // typed while "ref" is in flight
    expect(await field.inputValue()).toBe('refund');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(asked).toEqual(['ref']); // "refu" and "refun" are never sent; "refund" waits for "ref"
    release();
    await page.locator('[role="listbox"][data-query="refund"]').waitFor({ state: 'attached' });
    expect(asked).toEqual(['ref', 'refund']);
    await expect.poll(() => page.evaluate(() => window.__painted)).toEqual(['refund']);
    expect(await options(page).first().locator('mark').first().textContent()).toMatch(/refund/i);
    await page.unroute('**/bridge/search');
    expect(problems).toEqual([]);
  });
});
