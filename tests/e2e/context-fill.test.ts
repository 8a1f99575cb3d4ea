/**
 * Issue #18 in Chromium through the harness: a `{% prefill %}` field filled from a fake clipboard
 * (the harness stands in for the OS), highlighted and described, confirmed before it is inserted;
 * and "Adjust before insert", whose edit is pasted and counted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { UsageReportView } from '../../common/ipc-contract';
import { screenshot } from './browser';
import type { HarnessState } from './harness-process';
import { approvedTemplate, currentSettings, focusedVariable, selectedOptionTitle, shown, typeQuery, useHarness, type HarnessClipboard } from './setup';

type Clipboard = HarnessClipboard;

const parcelTemplate = approvedTemplate(
  'e2e/parcel-missing',
  'Parcel never arrived',
  '{% prefill order.number pattern: "[A-Z]-\\\\d{4,}" %}Hi {{ customer.first_name }}, we are tracing order {{ order.number }} with the courier.',
);

/** The texts an element's aria-describedby points at: what a screen reader reads after its name. */
const description = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const ids = document.querySelector(s)?.getAttribute('aria-describedby')?.split(' ') ?? [];
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  }, selector);

describe('variables filled from context', () => {
  const e2e = useHarness();

  beforeAll(async () => {
    await e2e.harness.post('entries', [parcelTemplate]);
  });

  async function openParcel(page: Page, copied: string): Promise<void> {
    expect((await page.evaluate(() => window.cuecard!.updateSettings({ contextCapture: true }))).ok).toBe(true);
    await e2e.harness.post('context', { clipboard: copied, selection: null });
    await shown(page, () => e2e.harness.post('show')); // the hotkey: context read, then the overlay shows
    await typeQuery(page, 'parcel never arrived');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Parcel never arrived');
    await page.keyboard.press('Enter');
    // The first template of a run also starts the render worker.
    await expect.poll(() => focusedVariable(page), { timeout: 15_000 }).toBe('customer.first_name');
  }

  it('pre-fills the order number from the clipboard, highlighted and described, and inserts it only once the agent has seen it', async () => {
    const { page, problems } = await e2e.open();
    await openParcel(page, 'Hello, my order R-20931 never came \u202e');
    const order = page.getByRole('textbox', { name: 'Order number', exact: true });
    expect(await order.inputValue()).toBe('R-20931');
    expect(await order.getAttribute('data-prefilled')).toBe('clipboard');
    expect(await description(page, '[data-variable="order.number"]')).toBe('Filled in from the clipboard: check it before inserting.');
    await expect.poll(() => page.locator('.reply-preview').textContent()).toContain('tracing order R-20931');
    await screenshot(page, 'fill-form-prefilled');

    await page.keyboard.type('Ada');
    const before = await e2e.harness.get<HarnessState>('state');
    await page.keyboard.press('Control+Enter');
    // Not inserted: the agent is taken to the prefilled value first.
    const alert = page.locator('.fill-form [role="alert"]');
    await expect.poll(() => alert.textContent()).toBe('Check “Order number”: it was filled in from the clipboard. Then insert again.');
    expect(await focusedVariable(page)).toBe('order.number');
    expect((await e2e.harness.get<HarnessState>('state')).lastInsert).toEqual(before.lastInsert);

    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await e2e.harness.get<Clipboard>('clipboard')).text).toBe(
      'Hi Ada, we are tracing order R-20931 with the courier.',
    );
    expect(problems).toEqual([]);
  });

  it('leaves the field empty and unmarked when the clipboard holds no order number, or the setting is off', async () => {
    const { page } = await e2e.open();
    await openParcel(page, 'nothing useful here');
    const order = page.getByRole('textbox', { name: 'Order number', exact: true });
    expect(await order.inputValue()).toBe('');
    expect(await order.getAttribute('aria-describedby')).toBeNull();
    await page.keyboard.press('Escape');

    // The agent turns it off in Settings (Ctrl+,).
    await page.keyboard.press('Control+Comma');
    const setting = page.getByRole('checkbox', { name: /^Fill template fields from what I copied/ });
    expect(await setting.isChecked()).toBe(true);
    await setting.click(); // saved at once; the box follows the saved setting
    await expect.poll(async () => (await currentSettings(page)).contextCapture).toBe(false);
    await expect.poll(() => setting.isChecked()).toBe(false);
    await page.keyboard.press('Escape');
    await e2e.harness.post('context', { clipboard: 'order R-20931', selection: null });
    await shown(page, () => e2e.harness.post('show'));
    await typeQuery(page, 'parcel never arrived');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Parcel never arrived');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedVariable(page)).toBe('customer.first_name');
    expect(await order.inputValue()).toBe('');
  });

  it('adjusts the reply before insert from the keyboard, pastes the adjusted text and counts the edit', async () => {
    const { page, problems } = await e2e.open();
    await openParcel(page, 'order R-20931');
    await page.keyboard.type('Ada');
    await page.keyboard.press('Tab'); // the agent goes through the prefilled field: seen
    await page.keyboard.press('Control+Shift+Enter');
    const adjust = page.getByRole('textbox', { name: 'Adjust before insert' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cuecard-adjust');
    expect(await adjust.inputValue()).toBe('Hi Ada, we are tracing order R-20931 with the courier.');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Sorry for the wait!');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await e2e.harness.get<Clipboard>('clipboard')).text).toBe(
      'Hi Ada, we are tracing order R-20931 with the courier. Sorry for the wait!',
    );
    // Counted after the reply went out (the insert answers first).
    const edited = async () => {
      const report = (await page.evaluate(() => window.cuecard!.getUsageReport({}))) as { ok: true; value: UsageReportView };
      return report.value.items.filter((item) => item.kind === 'edited').map(({ key, locale, n }) => ({ key, locale, n }));
    };
    await expect.poll(edited).toEqual([{ key: 'e2e/parcel-missing', locale: 'en', n: 1 }]);
    expect(problems).toEqual([]);
  });

  it('goes back from "Adjust before insert" to the fields with Esc, keeping the values', async () => {
    const { page } = await e2e.open();
    await openParcel(page, 'order R-20931');
    await page.keyboard.type('Grace');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Adjust before insert' }).click();
    await page.getByRole('textbox', { name: 'Adjust before insert' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedVariable(page)).toBe('customer.first_name');
    expect(await page.getByRole('textbox', { name: 'Customer first name' }).inputValue()).toBe('Grace');
  });
});
