import { beforeAll, describe, expect, it } from 'vitest';
import type { HarnessState } from './harness-process';
import { currentSettings as settings, options, searchField, typeQuery, useHarness } from './setup';

const now = new Date().toISOString();
/** Exists only in English, so a French search can only show it as a fallback. */
const englishOnly = {
  id: 'e2e/corporate-gifting',
  locale: 'en',
  kind: 'article' as const,
  title: 'Corporate gifting programme',
  body: 'Companies can order branded gift boxes in bulk. Minimum order: 20 boxes.',
  tags: ['gifting'],
  urlOrPath: null,
  version: 1,
  updatedAt: now,
  approvedBy: 'Sales team',
  approvedAt: now,
  reviewState: 'approved' as const,
};

describe('reply language and settings', () => {
  const e2e = useHarness();

  beforeAll(async () => {
    await e2e.harness.post('entries', [englishOnly]);
  });

  it('switches the reply language with Alt+L; results follow and fallbacks are marked', async () => {
    const { page, problems } = await e2e.open();
    await page.evaluate(() => window.cuecard!.updateSettings({ locale: 'en', fallbackLocales: ['en'] }));
    await page.keyboard.press('Alt+l');
    const locale = page.getByRole('combobox', { name: 'Reply language' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cuecard-locale');
    await locale.selectOption('fr');
    await expect.poll(async () => (await settings(page)).locale).toBe('fr');

    await typeQuery(page, 'annuler commande');
    await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    const first = options(page).first();
    expect(await first.locator('.badge-locale').textContent()).toBe('fr');
    expect(await first.textContent()).toMatch(/Annuler/);

    await typeQuery(page, 'corporate gifting');
    const gifting = options(page).filter({ hasText: 'Corporate gifting programme' });
    await expect.poll(() => gifting.count()).toBe(1);
    expect(await gifting.locator('.badge-fallback').textContent()).toBe('en · fallback');

    await locale.selectOption('en');
    await expect.poll(async () => (await settings(page)).locale).toBe('en');
    await expect.poll(() => gifting.locator('.badge-fallback').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('opens the log folder from Settings', async () => {
    const { page } = await e2e.open();
    const before = (await e2e.harness.get<HarnessState>('state')).logFolderOpens;
    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByRole('button', { name: 'Open log folder' }).click();
    await expect.poll(async () => (await e2e.harness.get<HarnessState>('state')).logFolderOpens).toBe(before + 1);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('opens settings with Ctrl+, and applies the theme to <html>', async () => {
    const { page, problems } = await e2e.open({ colorScheme: 'light' });
    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const theme = page.getByLabel('Theme');
    await theme.selectOption('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect((await settings(page)).theme).toBe('dark');
    await theme.selectOption('system');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cuecard-query');
    expect(problems).toEqual([]);
  });

  it('offers "Resync from scratch" only when a server is set up', async () => {
    const { page, problems } = await e2e.open();
    await page.getByRole('button', { name: 'Settings' }).click();
    const resync = page.getByRole('button', { name: 'Resync from scratch' });
    await resync.waitFor();
    expect((await settings(page)).serverUrl).toBe(''); // the harness has no server
    expect(await resync.isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('rejects an invalid hotkey visibly and saves one recorded by pressing it', async () => {
    const { page } = await e2e.open();
    await page.getByRole('button', { name: 'Settings' }).click();
    const before = (await settings(page)).hotkey;
    const typed = page.getByLabel('Or type an accelerator');
    await typed.fill('Ctrl+Banana');
    await typed.press('Enter');
    const error = page.locator('#cuecard-hotkey-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect((await error.textContent())?.length).toBeGreaterThan(5);
    expect(await typed.getAttribute('aria-invalid')).toBe('true');
    expect((await settings(page)).hotkey).toBe(before);

    await page.getByRole('button', { name: 'Record shortcut' }).click();
    await page.keyboard.press('Control+Shift+K');
    await expect.poll(async () => (await settings(page)).hotkey).toBe('CommandOrControl+Shift+K');
    expect(await page.locator('#cuecard-hotkey-error').count()).toBe(0);
    // Recording swallowed the keys: still in settings, nothing else reacted.
    expect(await page.getByRole('heading', { name: 'Settings' }).count()).toBe(1);
  });

  it('keeps the server token write-only', async () => {
    const { page } = await e2e.open();
    await page.keyboard.press('Control+,');
    const token = page.getByLabel('Access token');
    await token.fill('s3cret-token');
    await page.getByRole('button', { name: 'Save server settings' }).click();
    await expect.poll(() => page.getByText('Token: set').count()).toBe(1);
    expect(await token.inputValue()).toBe('');
    expect(JSON.stringify(await settings(page))).not.toContain('s3cret-token');
  });

  it('shows the sync state in the status bar', async () => {
    const { page } = await e2e.open();
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('Local knowledge base');
  });

  it('stays usable at 200% zoom (720×480 window → 360×240 CSS pixels)', async () => {
    const { page, problems } = await e2e.open({ width: 360, height: 240 });
    await typeQuery(page, 'refund');
    await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    expect(await searchField(page).isVisible()).toBe(true);
    expect(await options(page).first().isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });
});
