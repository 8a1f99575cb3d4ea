/**
 * Issue #18 in Chromium through the harness, keyboard only: after an insert the agent reopens the
 * overlay and reports how they edited the pasted reply ("Report my edit", Ctrl+Shift+E), which is
 * counted as that insert's edit and shown in Settings → What Cuecard reports exactly as it will be
 * sent; and Copy in "Adjust before insert" copies the adjusted text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { approvedTemplate, focusedVariable, selectedOptionTitle, shown, typeQuery, useHarness, type HarnessClipboard } from './setup';

type Clipboard = HarnessClipboard;

const refundTemplate = approvedTemplate('e2e/refund-on-its-way', 'Refund on its way', 'Hi {{ customer.first_name }}, your refund of {{ amount }} is on its way.');

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);

describe('reporting an edit after the reply went out', () => {
  const e2e = useHarness();
  const clipboardText = async () => (await e2e.harness.get<Clipboard>('clipboard')).text;

  beforeAll(async () => {
    await e2e.harness.post('entries', [refundTemplate]);
  });

  async function fillRefund(page: Page, name: string, amount: string): Promise<void> {
    await typeQuery(page, 'refund on its way');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Refund on its way');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedVariable(page), { timeout: 15_000 }).toBe('customer.first_name');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(amount);
  }

  it('reports the reply as sent after an insert, from the keyboard; only the ratio is counted, shown as it will be sent', async () => {
    const { page } = await e2e.open();
    await fillRefund(page, 'Ada', '12 EUR');
    await page.keyboard.press('Enter'); // the last field inserts
    await expect.poll(clipboardText).toBe('Hi Ada, your refund of 12 EUR is on its way.');

    // The agent edits the reply in their helpdesk, then opens Cuecard again.
    await shown(page, () => e2e.harness.post('show'));
    const report = page.getByRole('button', { name: /^Report my edit/ });
    await report.waitFor();
    expect(await page.getByRole('region', { name: 'Last reply' }).locator('p').textContent()).toMatch(
      /^You inserted “Refund on its way”\. Changed it before sending\? Report how much, until \d\d:\d\d\.$/,
    );
    await page.keyboard.press('Control+Shift+E');
    const field = page.getByRole('textbox', { name: 'The reply as I sent it' });
    await expect.poll(() => focusedId(page)).toBe('cuecard-report-edit');
    expect(await field.inputValue()).toBe('Hi Ada, your refund of 12 EUR is on its way.');
    // Selected at first: the paste replaces it.
    expect(await field.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 44]);
    await page.keyboard.insertText('Hi Ada, your refund of 12 EUR is on its way. Sorry for the wait!');
    await screenshot(page, 'report-edit');
    await page.keyboard.press('Control+Enter');
    // 20 characters added to 44: 20 / 64.
    await expect
      .poll(() => page.locator('.toast').textContent())
      .toBe('Edit reported for “Refund on its way”: 31% changed. Only this number is sent, not the text.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');

    await page.keyboard.press('Control+Comma');
    const table = page.getByRole('table', { name: 'Counts waiting to be sent' });
    const row = table.getByRole('row').filter({ hasText: 'e2e/refund-on-its-way' }).filter({ hasText: 'edited' });
    await row.waitFor();
    const day = new Date().toISOString().slice(0, 10);
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toMatch(/^edited edited after insert or copy \(kept until \d\d:\d\d: a later report of your edit replaces it\)$/);
    expect(cells.slice(2)).toEqual([
      'e2e/refund-on-its-way',
      '1',
      JSON.stringify({ day, kind: 'edited', key: 'e2e/refund-on-its-way', locale: 'en', n: 1, ratioSum: 0.3125 }),
    ]);
    expect(await table.textContent()).not.toContain('Sorry for the wait');
  });

  it('copies the adjusted reply from "Adjust before insert" with Ctrl+C', async () => {
    const { page } = await e2e.open();
    await fillRefund(page, 'Grace', '30 EUR');
    await page.keyboard.press('Control+Shift+Enter');
    const adjust = page.getByRole('textbox', { name: 'Adjust before insert' });
    await expect.poll(() => focusedId(page)).toBe('cuecard-adjust');
    expect(await adjust.inputValue()).toBe('Hi Grace, your refund of 30 EUR is on its way.');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('!');
    await page.keyboard.press('Control+C'); // nothing selected: the adjusted reply
    await expect.poll(() => e2e.harness.get<Clipboard>('clipboard')).toEqual({ text: 'Hi Grace, your refund of 30 EUR is on its way!', html: null });
    await expect.poll(() => page.locator('.toast').textContent()).toBe('Adjusted reply copied to the clipboard');
    expect(await page.getByRole('button', { name: 'Copy adjusted reply' }).isVisible()).toBe(true);
  });
});
