/**
 * Issue #13 in the overlay: review badges from the synced data (in the result row and the
 * preview, inside the option a screen reader reads), the source of a stale translation one key
 * away, and flagging an entry with Ctrl+Shift+F while offline (the status bar says it waits).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectedOptionTitle, typeQuery, useHarness } from './setup';

const base = {
  kind: 'article' as const,
  tags: [],
  urlOrPath: null,
  version: 2,
  updatedAt: '2026-03-02T09:00:00.000Z',
  approvedBy: 'bo-lead',
  approvedAt: '2026-03-02T09:00:00.000Z',
  reviewState: 'approved' as const,
  sourceLocale: 'en',
};
const source = { ...base, id: 'e2e/parcel-lockers', locale: 'en', title: 'Parcel lockers', body: 'Parcels wait **7 days** in the locker.', verificationDueAt: '2099-01-01T00:00:00.000Z' };
const translation = { ...base, id: 'e2e/parcel-lockers', locale: 'fr', title: 'Consignes à colis', body: 'Les colis attendent 5 jours.', staleTranslation: true, verificationDueAt: '2099-01-01T00:00:00.000Z' };
const overdue = { ...base, id: 'e2e/gift-wrap', locale: 'en', title: 'Gift wrapping', body: 'We wrap gifts.', verificationDueAt: '2020-01-01T00:00:00.000Z' };

describe('review badges and flags', () => {
  const e2e = useHarness();

  beforeAll(async () => {
    await e2e.harness.post('entries', [source, translation, overdue]);
  });

  it('says *unsigned* (no org root key pinned), *needs review* when its verification is due, and *translation may be out of date*', async () => {
    const { page } = await e2e.open();
    await typeQuery(page, 'gift wrapping');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Gift wrapping');
    const option = page.locator('[role="option"][aria-selected="true"]');
    const group = option.getByRole('group');
    expect(await group.getAttribute('aria-label')).toBe('Review status: Unsigned, Needs review');
    expect(await option.locator('.badge-review').textContent()).toBe('Needs review');
    await expect.poll(() => page.locator('.preview .badge-review').textContent()).toBe('Needs review');

    await page.evaluate(() => window.cuecard!.updateSettings({ locale: 'fr', fallbackLocales: ['en'] }));
    await typeQuery(page, 'consignes colis');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Consignes à colis');
    expect(await page.locator('[role="option"][aria-selected="true"] .badge-stale').textContent()).toBe('Translation may be out of date');
    expect(await page.locator('.preview .badge-stale').textContent()).toBe('Translation may be out of date');
    expect(await page.locator('[role="option"][aria-selected="true"] .badge-review').count()).toBe(0);

    // The source is one key away.
    await page.keyboard.press('Alt+s');
    await page.getByRole('heading', { level: 2, name: 'Parcel lockers' }).waitFor();
    expect(await page.getByRole('region', { name: 'Article text' }).textContent()).toContain('Parcels wait 7 days');
    await page.evaluate(() => window.cuecard!.updateSettings({ locale: 'en', fallbackLocales: ['en'] }));
  });

  it('flags the selected entry with Ctrl+Shift+F and a short comment; offline, the status bar says it waits', async () => {
    const { page } = await e2e.open();
    // Nothing listens on this loopback port: the flag cannot be sent and must wait.
    await page.evaluate(() => window.cuecard!.updateSettings({ serverUrl: 'http://127.0.0.1:9', token: 'agent-token' }));
    await e2e.harness.post('entries', [source, translation, overdue]);
    await typeQuery(page, 'parcel lockers');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Parcel lockers');
    await page.keyboard.press('Control+Shift+F');
    const comment = page.getByLabel('Comment for the owner');
    await comment.waitFor();
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Flag “Parcel lockers” (en)');
    await page.getByLabel('Wrong').check();
    await page.keyboard.press('Control+Enter');
    expect(await page.getByRole('alert').textContent()).toBe('Say in a few words what is outdated or wrong.');
    await comment.fill('Lockers keep parcels 5 days since May');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.toast').textContent()).toBe('Flag saved; it is sent to the owner when you are online');
    await expect.poll(() => page.locator('.flags-waiting').textContent()).toBe('1 flag waiting to be sent');
    const status = await page.evaluate(() => window.cuecard!.getStatus({}));
    expect(status.ok && status.value.flagsWaiting).toBe(1);
  });
});
