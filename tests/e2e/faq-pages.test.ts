/**
 * The public FAQ in Chromium (issue #17): pages render and are navigable, variant links work,
 * an approval on the server shows after a reload, and the overlay's hostile-Markdown corpus
 * (tests/fixtures/hostile-markdown.ts) renders inert on FAQ pages under their CSP.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { EMITTED_ATTRIBUTES, EMITTED_TAGS, HOSTILE_MARKDOWN } from '../fixtures/hostile-markdown';
import { api, article, publishLive, sqliteServer, type TestServer } from '../integration/server/test-server';
import { demoteHeadings } from '../../server/faq/faq-html';
import { launchBrowser, recordProblems } from './browser';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

let t: TestServer;
let browser: Browser;
let problems: string[] = [];

/** A fresh page that records console errors, page errors, dialogs and CSP violations. */
async function openPage(): Promise<Page> {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await recordProblems(page, problems);
  return page;
}

beforeAll(async () => {
  t = await sqliteServer();
  const hostile = HOSTILE_MARKDOWN.map(([input], i) => article(`xss/${i}`, 'en', { title: `Hostile ${i} <img src=x onerror="window.__xss=${i}">`, body: input, tags: ['faq'] }));
  const published = await publishLive(t, {
    entries: [
      article('kb/returns', 'en', { title: 'Returning an order', body: 'Returns are accepted within 30 days.', tags: ['faq'] }),
      article('kb/returns', 'fr', { title: 'Retourner une commande', body: 'Les retours sont acceptés sous 30 jours.', tags: ['faq'] }),
      ...hostile,
    ],
  });
  expect(published.status).toBe(200);
  await t.server.answers.catchUp();
  browser = await launchBrowser();
});
afterEach(() => {
  const seen = problems;
  problems = [];
  expect(seen, 'console errors, page errors, dialogs or CSP violations').toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the public FAQ in Chromium', () => {
  it('renders the home, locale and article pages, and links between locale variants', async () => {
    const page = await openPage();
    await page.goto(`${t.url}/faq/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Help centre');
    await page.getByRole('link', { name: 'français' }).click();
    await page.waitForURL(`${t.url}/faq/fr/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('link', { name: 'Retourner une commande' }).click();
    await page.waitForURL(`${t.url}/faq/fr/kb%2Freturns`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Retourner une commande');
    expect(await page.locator('link[rel="alternate"][hreflang="en"]').getAttribute('href')).toBe('/faq/en/kb%2Freturns');

    await page.getByRole('navigation', { name: 'Other languages' }).getByRole('link', { name: 'English: Returning an order' }).click();
    await page.waitForURL(`${t.url}/faq/en/kb%2Freturns`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.body').textContent()).toBe('\nReturns are accepted within 30 days.\n\n');

    await page.getByRole('searchbox', { name: 'Search the help centre' }).fill('returns');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(`${t.url}/faq/en/?q=returns`);
    expect(await page.getByRole('region', { name: 'Results for “returns”' }).getByRole('link').allTextContents()).toEqual(['Returning an order']);
    await page.context().close();
  });

  it('shows an approval made on the server after a reload', async () => {
    const page = await openPage();
    await page.goto(`${t.url}/faq/fr/kb%2Freturns`);
    expect(await page.locator('.approval').textContent()).toMatch(/\(version 1\)$/);

    const submitted = await api(t.url, t.tokens.lead, 'POST', '/v1/entries', article('kb/returns', 'fr', { title: 'Retourner une commande', body: 'Les retours sont acceptés sous 60 jours.', tags: ['faq'] }));
    expect(submitted.status).toBe(200);
    const approved = await api(t.url, t.tokens.admin, 'POST', `/v1/entries/${encodeURIComponent('kb/returns')}/approve`, { locale: 'fr' });
    expect(approved.status).toBe(200);
    await t.server.answers.catchUp();

    await page.reload();
    expect(await page.locator('.body').textContent()).toBe('\nLes retours sont acceptés sous 60 jours.\n\n');
    expect(await page.locator('.approval').textContent()).toMatch(/^Approved on .+ \(version 2\)$/);
    const approvedAt = await page.locator('.approval time').getAttribute('datetime');
    expect(Date.parse(approvedAt ?? '')).toBeGreaterThan(0);
    await page.context().close();
  });

  it('renders the overlay’s hostile-Markdown corpus inert, as the one Markdown function gives it', async () => {
    const page = await openPage();
    const normalise = (html: string) =>
      page.evaluate((source) => {
        const template = document.createElement('template');
        template.innerHTML = source;
        return template.innerHTML;
      }, html);
    for (const [i, [input, html]] of HOSTILE_MARKDOWN.entries()) {
      await page.goto(`${t.url}/faq/en/${encodeURIComponent(`xss/${i}`)}`);
      const body = page.locator('.body');
      // The page's title is its one h1: body headings sit one level down, otherwise as the overlay has them.
      expect(await normalise(await body.innerHTML()), input).toBe(await normalise(`\n${demoteHeadings(html)}\n`));
      const inside = await body.evaluate((root) => {
        const elements = [...root.querySelectorAll('*')];
        return { tags: [...new Set(elements.map((el) => el.localName))], attributes: [...new Set(elements.flatMap((el) => el.getAttributeNames()))] };
      });
      expect(inside.tags.filter((tag) => !EMITTED_TAGS.has(tag)), input).toEqual([]);
      expect(inside.attributes.filter((name) => !EMITTED_ATTRIBUTES.has(name)), input).toEqual([]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Hostile ${i} <img src=x onerror="window.__xss=${i}">`);
      expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    }
    await page.goto(`${t.url}/faq/en/?q=${encodeURIComponent('"><img src=x onerror="window.__xss=99">')}`);
    expect(await page.getByRole('searchbox', { name: 'Search the help centre' }).inputValue()).toBe('"><img src=x onerror="window.__xss=99">');
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    await page.context().close();
  });
});
