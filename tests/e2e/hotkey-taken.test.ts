import { describe, expect, it } from 'vitest';
import { currentSettings as settings, useHarness } from './setup';

describe('a hotkey another app holds', () => {
  const e2e = useHarness();

  it('shows that the hotkey is taken, keeps the old one working, and accepts a free one after', async () => {
    await e2e.harness.post('hotkey-taken', { accelerator: 'Alt+Shift+J' });
    const { page, problems } = await e2e.open();
    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const before = (await settings(page)).hotkey;
    expect(before).toBe('CommandOrControl+Shift+Space');

    const typed = page.getByLabel('Or type an accelerator');
    await typed.fill('Alt+Shift+J');
    await page.getByRole('button', { name: 'Save hotkey' }).click();
    const error = page.locator('#cuecard-hotkey-error');
    await error.waitFor();
    const message =
      'Alt+Shift+J is already used by another app. Pick another hotkey in Settings; CommandOrControl+Shift+Space still works.';
    expect(await error.textContent()).toBe(message);
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await typed.getAttribute('aria-invalid')).toBe('true');
    expect(await settings(page)).toMatchObject({ hotkey: before, hotkeyProblem: message });

    // Opened again (as after the tray's "Choose another hotkey…"), Settings leads with the problem.
    const again = await e2e.open();
    await again.page.keyboard.press('Control+,');
    const warning = again.page.locator('.warning[role="alert"]');
    await warning.waitFor();
    expect(await warning.textContent()).toBe(message);
    expect(again.problems).toEqual([]);

    await typed.fill('Alt+Shift+K');
    await page.getByRole('button', { name: 'Save hotkey' }).click();
    await expect.poll(async () => (await settings(page)).hotkey).toBe('Alt+Shift+K');
    expect(await page.locator('#cuecard-hotkey-error').count()).toBe(0);
    expect((await settings(page)).hotkeyProblem).toBeNull();
    expect(problems).toEqual([]);
  });
});
