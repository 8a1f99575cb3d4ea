/**
 * The reader's and preview's sanitiser in Chromium: the renderer's own module (bundled as it ships)
 * runs the whole hostile-payload table inside the overlay page, under its CSP, and must give
 * exactly the HTML the one Markdown function gives in Node, which is what a reply pastes.
 */
import path from 'node:path';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { markdownToSafeHtml } from '../../common/templates/markdown-html';
import { EMITTED_ATTRIBUTES, EMITTED_TAGS, HOSTILE_MARKDOWN } from '../fixtures/hostile-markdown';
import { PROJECT_ROOT } from './harness-process';
import { selectedOptionTitle, typeQuery, useHarness } from './setup';

interface RendererMarkdown {
  renderMarkdown(markdown: string): string;
  sanitizeHtml(html: string): string;
}
declare global {
  interface Window {
    cuecardMarkdown?: RendererMarkdown;
  }
}

/** renderer/src/lib/markdown.ts bundled for the browser as a global, the way Vite ships it. */
async function bundleRendererMarkdown(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'chrome130',
      lib: { entry: path.join(PROJECT_ROOT, 'renderer/src/lib/markdown.ts'), formats: ['iife'], name: 'cuecardMarkdown' },
    },
  });
  const [output] = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = output?.output.find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the renderer Markdown module did not bundle');
  return chunk.code;
}

/** The HTML as Chromium parses and serialises it, so string forms compare by meaning. */
function normalise(page: Page, html: string): Promise<string> {
  return page.evaluate((source) => {
    const template = document.createElement('template');
    template.innerHTML = source;
    return template.innerHTML;
  }, html);
}

/** What is inside `selector` on the page: tags, attributes, link targets. */
function inspect(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) throw new Error(`${sel} is not on the page`);
    const elements = [...root.querySelectorAll('*')];
    return {
      tags: [...new Set(elements.map((element) => element.localName))],
      attributes: [...new Set(elements.flatMap((element) => element.getAttributeNames()))],
      hrefs: elements.flatMap((element) => (element.hasAttribute('href') ? [element.getAttribute('href') ?? ''] : [])),
    };
  }, selector);
}

function expectInert(found: { tags: string[]; attributes: string[]; hrefs: string[] }): void {
  for (const tag of found.tags) expect(EMITTED_TAGS).toContain(tag);
  for (const attribute of found.attributes) expect(EMITTED_ATTRIBUTES).toContain(attribute);
  for (const href of found.hrefs) expect(href).toMatch(/^(https:\/\/|mailto:)/);
}

const ALL_PAYLOADS = HOSTILE_MARKDOWN.map(([input]) => input).join('\n\n');

describe('the renderer sanitiser in Chromium', () => {
  const e2e = useHarness();
  let bundle: string;

  beforeAll(async () => {
    bundle = await bundleRendererMarkdown();
    const now = new Date().toISOString();
    await e2e.harness.post('entries', [
      {
        id: 'e2e/all-hostile-payloads',
        locale: 'en',
        kind: 'article',
        title: 'Courier damage claims',
        body: ALL_PAYLOADS,
        tags: [],
        urlOrPath: null,
        version: 1,
        updatedAt: now,
        approvedBy: null,
        approvedAt: null,
        reviewState: 'approved',
      },
    ]);
  });

  it('gives, for every hostile payload, exactly the HTML the pasted reply carries, and mounts it inertly', async () => {
    const { page } = await e2e.open();
    await page.evaluate(bundle);
    for (const [input, expected] of HOSTILE_MARKDOWN) {
      const shown = await page.evaluate((markdown) => window.cuecardMarkdown!.renderMarkdown(markdown), input);
      expect(shown, input).toBe(await normalise(page, expected));
      // DOMPurify, the second line of defence, changes nothing the Markdown function produced.
      expect(await page.evaluate((html) => window.cuecardMarkdown!.sanitizeHtml(html), expected), input).toBe(shown);
      await page.evaluate((html) => {
        let mount = document.getElementById('payload-mount');
        if (!mount) {
          mount = document.createElement('div');
          mount.id = 'payload-mount';
          document.body.append(mount);
        }
        mount.innerHTML = html;
      }, shown);
      expectInert(await inspect(page, '#payload-mount'));
    }
    // Give any handler that slipped through (onerror, ontoggle…) the chance to fire: a dialog or a
    // CSP violation would land in the page's problems, which the shared afterEach asserts empty.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  });

  it('shows the whole table in the preview and the reader as the pasted HTML, inert', async () => {
    const { page } = await e2e.open();
    const pasted = await normalise(page, markdownToSafeHtml(ALL_PAYLOADS));
    await typeQuery(page, 'courier damage claims');
    await expect.poll(() => selectedOptionTitle(page)).toBe('Courier damage claims');
    await expect.poll(() => page.locator('.preview-body').count()).toBe(1);
    expect(await page.locator('.preview-body').innerHTML()).toBe(pasted);
    expectInert(await inspect(page, '.preview-body'));

    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Article text' }).waitFor();
    expect(await page.locator('.reader-body').innerHTML()).toBe(pasted);
    expectInert(await inspect(page, '.reader-body'));
    const loaders = ':is(.preview-body, .reader-body) :is(img, script, iframe, svg, math, form, input, style)';
    expect(await page.locator(loaders).count()).toBe(0);
  });

  it('notices a CSP violation (the check every e2e test ends with is live)', async () => {
    const overlay = await e2e.open();
    await overlay.page.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'https://blocked.example/pixel.png';
      document.body.append(image);
    });
    const violation = 'console error: CSP violation: img-src https://blocked.example/pixel.png';
    await expect.poll(() => overlay.problems).toContain(violation);
    // The policy arrives twice (HTTP header and <meta>), and Chromium logs its own line for each.
    expect(new Set(overlay.problems)).toEqual(
      new Set([
        violation,
        `console error: Loading the image 'https://blocked.example/pixel.png' violates the following Content Security Policy directive: "img-src 'self' data:". The action has been blocked.`,
      ]),
    );
    overlay.problems.length = 0;
  });
});
