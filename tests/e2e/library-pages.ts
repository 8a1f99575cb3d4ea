/**
 * The Library page in the e2e tests (issue #14): a harness per token (`--server --token`), the
 * Library opened at /library.html in Debian's Chromium with the same problem recording as the
 * overlay (console errors, page errors, dialogs, CSP violations).
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openOverlay, type OverlayPage } from './browser';

export async function openLibraryPage(
  browser: Browser,
  harnessUrl: string,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; expectBlocked?: boolean } = {},
): Promise<OverlayPage> {
  // openOverlay sets up the context and the recording; then the same context goes to the Library.
  const opened = await openOverlay(browser, harnessUrl, { width: options.width ?? 1280, height: options.height ?? 860, colorScheme: options.colorScheme });
  await opened.page.goto(new URL('library.html', harnessUrl).toString());
  await opened.page.getByRole('heading', { name: 'Cuecard Library' }).waitFor();
  if (!options.expectBlocked) await opened.page.getByRole('button', { name: 'New' }).waitFor();
  return opened;
}

/** The Library's list rows (options of the Entries listbox). */
export function libraryRows(page: Page) {
  return page.getByRole('listbox', { name: 'Entries' }).getByRole('option');
}

/** Searches the list and opens the first hit by keyboard. */
export async function openFirstHit(page: Page, query: string, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Refresh' }).click();
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill(query);
  // The search answers after the keystrokes: wait until its best hit leads the list.
  await page.locator('.list-row').first().filter({ hasText: title }).waitFor();
  await search.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
}

/** After each test: no page it opened showed a console error, page error, dialog or CSP violation (`opened` is emptied). */
export function expectNoPageProblems(opened: OverlayPage[]): void {
  const problems = opened.splice(0).flatMap((page) => page.problems);
  expect(problems, 'console errors, page errors, dialogs or CSP violations').toEqual([]);
}
