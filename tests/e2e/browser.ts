/** Debian's Chromium driven by playwright-core (never a downloaded browser), plus page helpers. */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from './harness-process';

const CHROMIUM = process.env.CUECARD_CHROMIUM ?? '/usr/bin/chromium';
/** Ignored by git, so `npm test` leaves the tree clean; `npm run screenshots` copies them to docs/screenshots. */
export const SCREENSHOT_DIR = process.env.CUECARD_SCREENSHOT_DIR ?? path.join(PROJECT_ROOT, 'out/screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`End-to-end tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CUECARD_CHROMIUM).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Pushes onto `problems` every console error, page error, dialog and CSP violation of `page`. */
export async function recordProblems(page: Page, problems: string[]): Promise<void> {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  // An alert() would mean injected script ran; record it and dismiss it so the page goes on.
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

export interface OverlayPage {
  page: Page;
  /** Console errors, page errors, dialogs and CSP violations seen so far; tests assert it stays empty. */
  problems: string[];
  close(): Promise<void>;
}

/** Opens the overlay the size of the real window (or larger for README screenshots). */
export async function openOverlay(
  browser: Browser,
  url: string,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<OverlayPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1000, height: options.height ?? 640 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  await recordProblems(page, problems);
  await page.goto(url);
  await page.getByRole('combobox', { name: 'Search replies and articles' }).waitFor();
  return { page, problems, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Stable README images: the fonts are loaded and every finite animation or transition (a toast
  // fading) has ended. Waits for those events, not for a fixed time.
  await page.evaluate(async () => {
    await document.fonts.ready;
    const finite = document.getAnimations().filter((animation) => animation.effect?.getTiming().iterations !== Infinity);
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
