import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import type { HarnessState } from './harness-process';
import { bridgeIdle, options, searchField, selectedOptionTitle, typeQuery, useHarness } from './setup';

interface Clipboard {
  text: string;
  html: string | null;
}

const focusedVariable = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-variable') ?? null);

async function openCancelTemplate(page: Page): Promise<void> {
  await typeQuery(page, 'cancel not shipped');
  await expect.poll(() => selectedOptionTitle(page)).toBe('Cancel an order that has not shipped yet');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedVariable(page)).toBe('customer.first_name');
}

describe('fill a template and insert it', () => {
  const e2e = useHarness();

  it('previews a selected template as the customer would read it, markers where values go', async () => {
    const { page } = await e2e.open();
    await typeQuery(page, 'cancel not shipped');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Cancel an order that has not shipped yet');
    const preview = page.locator('.preview-body');
    await expect.poll(() => preview.textContent()).toContain('Hi [Customer first name]');
    expect(await preview.textContent()).not.toContain('{{');
  });

  it('fills the variables, previews live and inserts the rendered reply', async () => {
    const { page, problems } = await e2e.open();
    await openCancelTemplate(page);
    const preview = page.locator('.reply-preview');
    // Before anything is typed the whole reply is readable, with markers where the values go.
    await expect.poll(() => preview.textContent()).toContain('Hi [Customer first name]');
    await expect.poll(() => preview.textContent()).toContain('[Order number]');
    await page.keyboard.type('Ada');
    await page.keyboard.press('Tab');
    expect(await focusedVariable(page)).toBe('order.number');
    await page.keyboard.type('NW-10042');
    await expect.poll(() => preview.textContent()).toContain('Hi Ada');
    await expect.poll(() => preview.textContent()).toContain('NW-10042');
    // Shift+Tab goes back, Tab forward again: the form is a plain tab order.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedVariable(page)).toBe('customer.first_name');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await expect.poll(async () => (await e2e.harness.get<HarnessState>('state')).lastInsert).not.toBeNull();
    const clipboard = await e2e.harness.get<Clipboard>('clipboard');
    expect(clipboard.text).toContain('Ada');
    expect(clipboard.text).toContain('NW-10042');
    expect(clipboard.text).toContain('FREESHIP-NEXT');
    // Back at the results, ready for the next search.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cuecard-query');
    expect(problems).toEqual([]);
  });

  it('inserts with Ctrl+Enter from any field, and points at a missing value first', async () => {
    const { page } = await e2e.open();
    await openCancelTemplate(page);
    await page.keyboard.type('Grace');
    // The order number is still empty: nothing is inserted, the form says why and goes there.
    await page.keyboard.press('Control+Enter');
    const alert = page.locator('.fill-form [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/order number/i);
    expect(await focusedVariable(page)).toBe('order.number');
    await page.keyboard.type('NW-77');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedVariable(page)).toBe('customer.first_name');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await e2e.harness.get<Clipboard>('clipboard')).text).toContain('Hi Grace');
    expect((await e2e.harness.get<Clipboard>('clipboard')).text).toContain('NW-77');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows the fill form beside its preview in the ${colorScheme} theme (screenshot)`, async () => {
      const { page, problems } = await e2e.open({ colorScheme });
      await openCancelTemplate(page);
      await page.keyboard.type('Ada');
      await page.keyboard.press('Tab');
      await page.keyboard.type('NW-10042');
      await expect.poll(() => page.locator('.reply-preview').textContent()).toContain('NW-10042');
      await screenshot(page, `fill-form-${colorScheme}`);
      expect(problems).toEqual([]);
    });
  }

  it('copies the selected result with Ctrl+C without inserting it', async () => {
    const { page } = await e2e.open();
    const before = await e2e.harness.get<HarnessState>('state');
    await typeQuery(page, 'return policy');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Return policy');
    const callsBefore = await bridgeIdle(page);
    await page.keyboard.press('Control+c');
    // The idle signal covers a call the key makes: once idle, the copy was answered and its toast rendered.
    const callsAfter = await bridgeIdle(page);
    expect(callsAfter.copyEntry).toBe((callsBefore.copyEntry ?? 0) + 1);
    expect(await page.getByText('Copied to the clipboard').count()).toBe(1);
    const clipboard = await e2e.harness.get<Clipboard>('clipboard');
    expect(clipboard.text.length).toBeGreaterThan(50);
    expect(clipboard.text).toMatch(/return/i);
    const after = await e2e.harness.get<HarnessState>('state');
    expect(after.lastInsert).toEqual(before.lastInsert);
    expect(after.hides).toBe(before.hides);
  });

  it('leaves Ctrl+C alone when text in the field is selected', async () => {
    const { page } = await e2e.open();
    const before = await e2e.harness.get<Clipboard>('clipboard');
    await typeQuery(page, 'gift card');
    await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    await searchField(page).selectText();
    const callsBefore = await bridgeIdle(page);
    await page.keyboard.press('Control+c');
    const callsAfter = await bridgeIdle(page);
    expect(callsAfter.copyEntry ?? 0).toBe(callsBefore.copyEntry ?? 0);
    expect(await e2e.harness.get<Clipboard>('clipboard')).toEqual(before);
  });

  it('steps back with Esc: form → results → hidden', async () => {
    const { page } = await e2e.open();
    await openCancelTemplate(page);
    const before = await e2e.harness.get<HarnessState>('state');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cuecard-query');
    expect(await searchField(page).inputValue()).toBe('cancel not shipped');
    expect((await e2e.harness.get<HarnessState>('state')).hides).toBe(before.hides);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await e2e.harness.get<HarnessState>('state')).hides).toBe(before.hides + 1);
    expect((await e2e.harness.get<HarnessState>('state')).visible).toBe(false);
  });

  it('inserts a template without variables straight away and says when it was only copied', async () => {
    const { page } = await e2e.open();
    const saved = await page.evaluate(() => window.cuecard!.updateSettings({ pasteMode: 'copy' }));
    expect(saved.ok).toBe(true);
    await typeQuery(page, 'charged twice');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Charged twice for one order');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await e2e.harness.get<HarnessState>('state')).lastInsert?.delivery).toBe('copied');
    const { lastInsert } = await e2e.harness.get<HarnessState>('state');
    await expect.poll(() => page.locator('.toast').textContent()).toBe(lastInsert?.message);
    expect(lastInsert?.message).toMatch(/V/);
    await page.evaluate(() => window.cuecard!.updateSettings({ pasteMode: 'paste' }));
  });
});
