/**
 * Retiring from the Library (issue #15 leftovers), in Chromium against a real server: a lead whose
 * app holds a registered approver key retires an entry in all its live languages by keyboard, after
 * a confirmation naming it; the retirement is signed, and an agent whose policy pins the org root
 * key no longer finds the entry. A lead without a key is told so and nothing is retired. A
 * retirement made without a signature is listed in the Review queue tab and signed from there;
 * the agent then drops that entry too. (The agent holds each entry before it is retired: a sync
 * from scratch that meets an entry and its unsigned retirement in one page stores neither.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as approve from '../../main/cli/commands/approve';
import * as keys from '../../main/cli/commands/keys';
import * as publish from '../../main/cli/commands/publish';
import * as retire from '../../main/cli/commands/retire';
import { NO_KEY_TO_RETIRE } from '../../main/application/approver-key-services';
import { sqliteServer, type TestServer } from '../integration/server/test-server';
import { cli, ndjsonFile } from '../integration/workflow/cli-helpers';
import { createKey } from '../integration/signing/signing-fixture';
import { launchBrowser, openOverlay, type OverlayPage } from './browser';
import { startHarness, type Harness } from './harness-process';
import { expectNoPageProblems, openFirstHit, openLibraryPage } from './library-pages';
import { options, typeQuery } from './setup';

const TITLE = 'Parcel lost in transit';
const OLD_TITLE = 'Christmas opening hours';
let t: TestServer;
let browser: Browser;
let keyDir: string;
const harness: Record<'dee' | 'lena' | 'agent', Harness> = {} as never;
const opened: OverlayPage[] = [];
/** Each answer goes through main and the server: on a loaded 2-core machine that can take seconds. */
const SLOW = { timeout: 15_000 };

const ok = (result: { code: number; err: string[] }) => expect(result.code, result.err.join('\n')).toBe(0);
/** Lena writes `record`, bo approves it with his key file. */
let publishSigned: (record: { id: string; locale: string; title: string; body: string; tags: string[] }) => Promise<void>;
/** bo retires `id` (en) without a key, as before signed retirement existed. */
let retireUnsigned: (id: string) => Promise<void>;

beforeAll(async () => {
  t = await sqliteServer();
  const bo = await t.server.tokens.create('bo-lead', 'lead');
  const dee = await t.server.tokens.create('dee-lead', 'lead');
  keyDir = mkdtempSync(path.join(os.tmpdir(), 'cuecard-e2e-retire-'));
  const rootFile = path.join(keyDir, 'root.key');
  const rootKey = await createKey('init-root', rootFile);
  const boFile = path.join(keyDir, 'bo.key');
  const server = (token: string) => ['--server', t.url, '--token', token];
  ok(await cli(keys, ['register', '--public-key', await createKey('create', boFile), '--name', 'bo', ...server(bo)]));
  const policyFile = path.join(keyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ orgRootKey: rootKey }));
  [harness.dee, harness.lena, harness.agent] = await Promise.all([
    startHarness(['--server', t.url, '--token', dee]),
    startHarness(['--server', t.url, '--token', t.tokens.lead]),
    startHarness(['--server', t.url, '--token', t.tokens.agent, '--policy', policyFile]),
  ]);
  browser = await launchBrowser();
  // dee's key is made and sealed in her app, and registered; the admin signs both keys into the list.
  const deePage = await library('dee');
  expect(await deePage.evaluate(() => window.cuecardLibrary!.createApproverKey(null))).toMatchObject({ ok: true });
  expect(await deePage.evaluate(() => window.cuecardLibrary!.registerApproverKey({ name: 'dee' }))).toMatchObject({ ok: true, value: { registeredAs: 'dee' } });
  ok(await cli(keys, ['sign-list', '--root-key', rootFile, ...server(t.tokens.admin)]));
  // Lena writes, bo approves each with his key; one entry is then retired without a signature.
  const records = [
    { id: 'kb/parcel-lost', locale: 'en', title: TITLE, body: 'We open an investigation with the carrier.', tags: [] },
    { id: 'kb/parcel-lost', locale: 'fr', title: 'Colis perdu', body: 'Nous ouvrons une enquête auprès du transporteur.', tags: [] },
    { id: 'kb/christmas-hours', locale: 'en', title: OLD_TITLE, body: 'Closed on the 25th.', tags: [] },
  ];
  ok(await cli(publish, [ndjsonFile(records), '--kind', 'article', ...server(t.tokens.lead)]));
  for (const r of records) ok(await cli(approve, [r.id, '--locale', r.locale, '--key', boFile, ...server(bo)]));
  publishSigned = async (record) => {
    ok(await cli(publish, [ndjsonFile([record]), '--kind', 'article', ...server(t.tokens.lead)]));
    ok(await cli(approve, [record.id, '--locale', record.locale, '--key', boFile, ...server(bo)]));
  };
  retireUnsigned = async (id) => ok(await cli(retire, [id, '--locale', 'en', ...server(bo)]));
}, 180_000);
afterEach(() => expectNoPageProblems(opened));
afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(harness).map((h) => h?.stop()));
  await t?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

async function library(who: 'dee' | 'lena'): Promise<Page> {
  const page = await openLibraryPage(browser, harness[who].url);
  opened.push(page);
  return page.page;
}
const notice = (page: Page) => page.locator('.notice').textContent();
/** The titles the agent's search shows for `query`. */
const agentFinds = async (page: Page, query: string): Promise<string[]> => {
  await typeQuery(page, query);
  return options(page).locator('.result-title').allTextContents();
};
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('retiring from the Library', () => {
  it('a lead without a key is told so; one with a key retires all languages by keyboard after a confirmation, and the pinned agent stops finding it', async () => {
    const agentPage = await openOverlay(browser, harness.agent.url);
    opened.push(agentPage);
    const agent = agentPage.page;
    await expect.poll(() => agentFinds(agent, 'parcel lost'), { timeout: 30_000, interval: 200 }).toEqual([TITLE]);
    await expect.poll(() => agentFinds(agent, 'christmas opening'), { timeout: 30_000, interval: 200 }).toEqual([OLD_TITLE]);
    // A retirement made without a signature does not take the pinned agent's entry away: once the
    // agent has the change after it, the entry is still found.
    await retireUnsigned('kb/christmas-hours');
    await publishSigned({ id: 'kb/gift-wrap', locale: 'en', title: 'Gift wrapping', body: 'We wrap gifts for free.', tags: [] });
    await expect.poll(() => agentFinds(agent, 'gift wrapping'), { timeout: 30_000, interval: 200 }).toEqual(['Gift wrapping']);
    expect(await agentFinds(agent, 'christmas opening')).toEqual([OLD_TITLE]);

    const lena = await library('lena');
    await openFirstHit(lena, 'parcel lost', TITLE);
    await lena.getByRole('button', { name: 'Retire…' }).click();
    await lena.getByRole('alertdialog', { name: `Retire “${TITLE}” (kb/parcel-lost)?` }).getByRole('button', { name: 'Retire en', exact: true }).click();
    await expect.poll(() => notice(lena), SLOW).toBe(NO_KEY_TO_RETIRE);
    expect(await lena.locator('.notice').getAttribute('role')).toBe('alert');

    const dee = await library('dee');
    await openFirstHit(dee, 'parcel lost', TITLE);
    const open = dee.getByRole('button', { name: 'Retire…' });
    await open.focus();
    await dee.keyboard.press('Enter');
    const dialog = dee.getByRole('alertdialog', { name: `Retire “${TITLE}” (kb/parcel-lost)?` });
    await dialog.waitFor();
    expect(await focused(dee)).toBe('Cancel');
    // Escape closes it and gives focus back; nothing is retired.
    await dee.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(dee)).toBe('Retire…');
    await dee.keyboard.press('Enter');
    await dialog.waitFor();
    // From Cancel back to the languages: the choice "All live languages", then the Retire button.
    await dee.keyboard.press('Shift+Tab');
    await dee.keyboard.press('Shift+Tab');
    expect(await dialog.getByRole('radio', { name: 'Only en' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await dee.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: 'All live languages: en, fr' }).isChecked()).toBe(true);
    await dee.keyboard.press('Tab');
    expect(await focused(dee)).toBe('Retire en, fr');
    await dee.keyboard.press('Enter');
    await expect.poll(() => notice(dee), SLOW).toBe(`Retired “${TITLE}” (en, fr): agents no longer find it. Signed with your approver key.`);
    await expect.poll(() => dee.getByRole('heading', { name: TITLE, level: 2 }).count(), SLOW).toBe(0);

    await expect.poll(() => agentFinds(agent, 'parcel lost'), { timeout: 30_000, interval: 200 }).toEqual([]);
  });

  it('lists the retirement made without a signature in the Review queue tab; signed from there, the pinned agent drops the entry', async () => {
    const agentPage = await openOverlay(browser, harness.agent.url);
    opened.push(agentPage);
    const agent = agentPage.page;
    await expect.poll(() => agentFinds(agent, 'christmas opening'), { timeout: 30_000, interval: 200 }).toEqual([OLD_TITLE]);

    const dee = await library('dee');
    await dee.getByRole('button', { name: 'Review queue' }).click();
    const unsigned = dee.getByRole('region', { name: 'Unsigned retirements' });
    await expect.poll(() => unsigned.getByRole('heading').textContent(), SLOW).toBe('Unsigned retirements (1)');
    expect(await unsigned.locator('li').allTextContents()).toEqual([`${OLD_TITLE} (en) · version 1 · retired by bo-lead`]);
    const sign = unsigned.getByRole('button', { name: 'Sign these retirements' });
    await sign.focus();
    await dee.keyboard.press('Enter');
    await expect.poll(() => notice(dee), SLOW).toBe('Signed 1 retirement(s): agents that kept these entries drop them.');
    expect(await unsigned.getByRole('heading').textContent()).toBe('Unsigned retirements (0)');

    await expect.poll(() => agentFinds(agent, 'christmas opening'), { timeout: 30_000, interval: 200 }).toEqual([]);
  });
});
