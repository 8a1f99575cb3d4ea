/** Shared lifecycle for an e2e file: one harness process and one browser, stopped afterwards. */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openOverlay, type OverlayPage } from './browser';
import { startHarness, type Harness } from './harness-process';

export interface E2eContext {
  harness: Harness;
  browser: Browser;
  /** Opens a fresh overlay page (new browser context) on the harness. */
  open(options?: { width?: number; height?: number; colorScheme?: 'light' | 'dark' }): Promise<OverlayPage>;
}

/**
 * Every e2e test ends by asserting that no page it opened logged a console error, threw, showed a
 * dialog or hit a CSP violation (browser.ts records them).
 */
export function useHarness(extraArgs: string[] = []): E2eContext {
  const context = {} as E2eContext;
  const pages: OverlayPage[] = [];
  let openedThisTest: OverlayPage[] = [];
  beforeAll(async () => {
    context.harness = await startHarness(extraArgs);
    context.browser = await launchBrowser();
    context.open = async (options) => {
      const overlay = await openOverlay(context.browser, context.harness.url, options);
      pages.push(overlay);
      openedThisTest.push(overlay);
      return overlay;
    };
  });
  afterEach(() => {
    const problems = openedThisTest.flatMap((overlay) => overlay.problems);
    openedThisTest = [];
    expect(problems, 'console errors, page errors, dialogs or CSP violations').toEqual([]);
  });
  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await context.browser?.close();
    await context.harness?.stop();
  });
  return context;
}

export function searchField(page: Page) {
  return page.getByRole('combobox', { name: 'Search replies and articles' });
}

/** Options of the result listbox, in order. */
export function options(page: Page) {
  return page.getByRole('listbox').getByRole('option');
}

/** Types like an agent, then waits until the list shows the answer to the whole query. */
export async function typeQuery(page: Page, query: string): Promise<void> {
  const field = searchField(page);
  await field.fill('');
  await field.pressSequentially(query, { delay: 5 });
  await page.locator(`[role="listbox"][data-query="${query.replace(/"/g, '\\"')}"]`).waitFor({ state: 'attached' });
}

export async function selectedOptionTitle(page: Page): Promise<string> {
  return (await page.locator('[role="option"][aria-selected="true"] .result-title').textContent()) ?? '';
}

/**
 * Waits for the harness bridge to be idle (no call in flight, the last answer rendered) and says
 * how many times the page has called each bridge function (Library ones as `library.<name>`).
 * What a test waits on after a key that must do nothing, instead of a fixed sleep.
 */
export async function bridgeIdle(page: Page): Promise<Record<string, number>> {
  return (await page.evaluate(() => window.__cuecardBridge!.idle())).calls;
}

/** The settings as main sees them, read through the page's own bridge. */
export async function currentSettings(page: Page) {
  const result = await page.evaluate(() => window.cuecard!.getSettings({}));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The harness's clipboard (its stand-in for the OS's), and a template approved now, as the harness loads entries. */
export interface HarnessClipboard {
  text: string;
  html: string | null;
}
export function approvedTemplate(id: string, title: string, body: string) {
  const now = new Date().toISOString();
  return { id, locale: 'en', kind: 'template', title, body, tags: [], urlOrPath: null, version: 1, updatedAt: now, approvedBy: 'lead', approvedAt: now, reviewState: 'approved' };
}

/** Runs `show` and waits until the page has handled the `shown` event it pushes (the overlay resets its view then). */
export async function shown(page: Page, show: () => Promise<unknown>): Promise<void> {
  const marks = () => page.evaluate(() => performance.getEntriesByName('cuecard:shown-painted').length);
  const before = await marks();
  await show();
  await expect.poll(marks).toBe(before + 1);
}

export const focusedVariable = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-variable') ?? null);
