/**
 * Issue #19: typing in the overlay forces no style or layout recalculation from the app's own
 * script (a Chrome trace, tests/e2e/layout-trace.ts), and the selected option is still kept in
 * view: scrolled to when the agent moves the selection, and a new list's first row shown when
 * the pane was scrolled.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { traceLayouts } from './layout-trace';
import { options, searchField, typeQuery, useHarness } from './setup';

/** Whether the selected option lies wholly inside the results pane's visible box. */
const selectedInView = (page: Page) =>
  page.evaluate(() => {
    const option = document.querySelector('[role="option"][aria-selected="true"]');
    const pane = document.querySelector('.results-pane');
    if (!option || !pane) return false;
    const o = option.getBoundingClientRect();
    const p = pane.getBoundingClientRect();
    return o.top >= p.top - 0.5 && o.bottom <= p.bottom + 0.5;
  });

describe('overlay layout while typing', () => {
  const e2e = useHarness();

  it('forces no style or layout recalculation from the app while the agent types', async () => {
    const { page } = await e2e.open();
    await typeQuery(page, 'warm');
    const field = searchField(page);
    await field.fill('');
    const typed = 'refund order';
    const trace = await traceLayouts(page, async () => {
      for (let i = 1; i <= typed.length; i += 1) {
        await page.keyboard.type(typed[i - 1] as string);
        await page.locator(`[role="listbox"][data-query="${typed.slice(0, i)}"]`).waitFor({ state: 'attached' });
      }
    });
    // Every keystroke was drawn (style and layout ran), none of it forced by the app's script
    // (the driver's own, from scripts it injected, have no URL). Before: scrollIntoView after
    // each new list forced one of each on most keystrokes.
    expect(trace.layout).toBeGreaterThanOrEqual(typed.length);
    expect(trace.forced.filter((f) => f.url !== '').map((f) => `${f.kind}: ${f.frames.join(' < ')}`)).toEqual([]);
  });

  it('keeps the selected option in view: moved with the arrows, and a new list’s first row', async () => {
    const { page } = await e2e.open({ width: 1000, height: 360 });
    await typeQuery(page, 'e');
    await expect.poll(() => options(page).count()).toBeGreaterThan(8);
    const count = await options(page).count();
    for (let i = 1; i < count; i += 1) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').getAttribute('id')).toBe(await options(page).nth(count - 1).getAttribute('id'));
    expect(await selectedInView(page)).toBe(true);
    expect(await page.evaluate(() => (document.querySelector('.results-pane') as HTMLElement).scrollTop)).toBeGreaterThan(0);
    // A new list selects its first row, and the pane scrolls back to show it.
    await typeQuery(page, 'refund');
    await expect.poll(() => options(page).count()).toBeGreaterThan(2);
    await expect.poll(() => selectedInView(page)).toBe(true);
    expect(await options(page).first().getAttribute('aria-selected')).toBe('true');
  });
});
