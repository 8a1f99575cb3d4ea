/**
 * Signed knowledge in the Library and Settings (issue #15), in Chromium against a real server:
 * two leads each make and register an approver key in the Library ("My approver key"; the private
 * half sealed in main by the app's SafeStorageCipher over a stand-in for safeStorage), an admin
 * signs the org key list with the CLI, lead A writes, lead B approves with the key, and an agent
 * whose policy pins the root key finds it "Approved by bo". Then B's key is revoked back in time:
 * the Library's queue lists the entry with the reason, B submits it again from there and A
 * approves it with her key. Settings' root-key field: a bad key is refused, a good one saved, a
 * policy-pinned one read-only with the managed mark.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as keys from '../../main/cli/commands/keys';
import { sqliteServer, type TestServer } from '../integration/server/test-server';
import { cli } from '../integration/workflow/cli-helpers';
import { createKey } from '../integration/signing/signing-fixture';
import { launchBrowser, openOverlay, type OverlayPage } from './browser';
import { startHarness, type Harness } from './harness-process';
import { expectNoPageProblems, openFirstHit, openLibraryPage } from './library-pages';
import { options, typeQuery } from './setup';

const PUBLIC_KEY = /^ed25519:[A-Za-z0-9+/]{43}=$/;
const TITLE = 'Wire transfer details for refunds';
let t: TestServer;
let browser: Browser;
let keyDir: string;
let root: { file: string; publicKey: string };
const harness: Record<'lena' | 'bo' | 'agent', Harness> = {} as never;
const opened: OverlayPage[] = [];

beforeAll(async () => {
  t = await sqliteServer();
  const bo = await t.server.tokens.create('bo-lead', 'lead');
  keyDir = mkdtempSync(path.join(os.tmpdir(), 'cuecard-e2e-keys-'));
  root = { file: path.join(keyDir, 'root.key'), publicKey: '' };
  root.publicKey = await createKey('init-root', root.file);
  // IT pins the org root key for the agent (managed policy); the leads' apps pin none.
  const policyFile = path.join(keyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ orgRootKey: root.publicKey }));
  [harness.lena, harness.bo, harness.agent] = await Promise.all([
    startHarness(['--server', t.url, '--token', t.tokens.lead]),
    startHarness(['--server', t.url, '--token', bo]),
    startHarness(['--server', t.url, '--token', t.tokens.agent, '--policy', policyFile]),
  ]);
  browser = await launchBrowser();
}, 180_000);
afterEach(() => expectNoPageProblems(opened));
afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(harness).map((h) => h?.stop()));
  await t?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

const library = async (who: 'lena' | 'bo') => {
  const page = await openLibraryPage(browser, harness[who].url);
  opened.push(page);
  return page.page;
};
const overlay = async (who: keyof typeof harness) => {
  const page = await openOverlay(browser, harness[who].url);
  opened.push(page);
  return page.page;
};
const signList = async (extra: string[] = []) => {
  const signed = await cli(keys, ['sign-list', '--root-key', root.file, '--server', t.url, '--token', t.tokens.admin, ...extra]);
  expect(signed.code, signed.err.join('\n')).toBe(0);
};
/** Opens "My approver key" afresh (the panel reads the key and the server's list when it opens). */
const keyPanel = async (page: Page) => {
  await page.getByRole('button', { name: 'Entries', exact: true }).click();
  // (The tab is "Signing key": no button but Approve may be found by the name "Approve".)
  await page.getByRole('button', { name: 'Signing key' }).click();
  const panel = page.getByRole('region', { name: 'My approver key' });
  await panel.locator('.muted').first().filter({ hasNotText: 'Reading your key…' }).waitFor();
  return panel;
};
/** Each answer goes through main and the server: on a loaded 2-core machine that can take seconds. */
const SLOW = { timeout: 15_000 };
const notice = (page: Page) => page.locator('.notice').textContent();
/** The agent's result for the entry: its version's badge text, or null while the agent does not hold it. */
const agentBadge = async (page: Page): Promise<string | null> => {
  await typeQuery(page, 'wire transfer refunds');
  const hit = options(page).filter({ hasText: TITLE });
  return (await hit.count()) === 0 ? null : hit.locator('.badge-approved, .badge-unsigned').first().textContent();
};

describe('signed approvals from the Library', () => {
  it('two leads make and register keys, the admin signs the list, B approves A’s entry with the key, and the pinned agent sees "approved by bo"', async () => {
    const pages = { lena: await library('lena'), bo: await library('bo') };
    for (const name of ['lena', 'bo'] as const) {
      const page = pages[name];
      const panel = await keyPanel(page);
      await panel.getByRole('button', { name: 'Create my key' }).click();
      const publicKey = panel.getByRole('textbox', { name: 'Public key' });
      await publicKey.waitFor();
      expect(await publicKey.inputValue()).toMatch(PUBLIC_KEY);
      // Only the public half ever reaches the page.
      const answer = await page.evaluate(() => window.cuecardLibrary!.approverKey(null));
      expect(answer).toEqual({ ok: true, value: { publicKey: await publicKey.inputValue(), registeredAs: null, signingRequired: false, keyList: null } });
      await panel.getByRole('textbox', { name: 'Name in the org key list' }).fill(name);
      await panel.getByRole('button', { name: 'Register with the server' }).click();
      await panel.getByText(`Registered with this server as “${name}”.`).waitFor();
      expect(await notice(page)).toBe(`Registered your approver key as "${name}".`);
      expect(await panel.locator('.key-standing').textContent()).toBe('The server has no signed org key list yet.');
    }

    await signList();
    const boPanel = await keyPanel(pages.bo);
    expect(await boPanel.locator('.key-standing').textContent()).toMatch(
      /^In the org key list \(version 1\) as “bo”, valid from \S+\. \(its root signature is not checked here: no org root key is pinned in Settings\)$/,
    );
    expect(await boPanel.locator('.muted').first().textContent()).toBe(
      'Your organisation signs approvals: Approve signs the exact version with this key, and agents accept only what listed keys signed.',
    );

    const lena = pages.lena;
    await lena.getByRole('button', { name: 'New' }).click();
    await lena.getByLabel('Id').fill('kb/wire-refunds');
    await lena.getByLabel('Locale', { exact: true }).selectOption('en');
    await lena.getByRole('textbox', { name: 'Title', exact: true }).fill(TITLE);
    await lena.getByRole('textbox', { name: 'Body', exact: true }).fill('Refunds go back to the card the customer paid with; never to another account.');
    await lena.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => notice(lena), SLOW).toBe(`Submitted "${TITLE}" for review.`);

    const bo = pages.bo;
    await bo.getByRole('button', { name: 'Entries', exact: true }).click();
    await openFirstHit(bo, 'wire transfer refunds', TITLE);
    await bo.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => notice(bo), SLOW).toBe(`Approved: "${TITLE}" (en).`);

    const agent = await overlay('agent');
    await expect.poll(() => agentBadge(agent), { timeout: 30_000, interval: 200 }).toMatch(/^Approved by bo on /);
  });

  it('a revoked key’s approval shows in the Library queue with its reason; submitted again from there and approved with A’s key, the agent takes it', async () => {
    // bo's key was stolen: revoked back in time. (Agents take the new list at their next pull;
    // tests/integration/signing/key-attacks.test.ts shows what they then move out of their store.)
    await signList(['--revoke', 'bo', '--revoke-from', '2020-01-01T00:00:00Z']);
    const agent = await overlay('agent');

    const bo = await library('bo');
    const boPanel = await keyPanel(bo);
    expect(await boPanel.locator('.key-standing').textContent()).toMatch(/^Revoked in the org key list \(version 2\) from 2020-01-01T00:00:00\.000Z: agents refuse what it signed since\./);
    await bo.getByRole('button', { name: 'Review queue' }).click();
    const refused = bo.getByRole('region', { name: 'Signatures agents refuse' });
    await expect.poll(() => refused.getByRole('heading').textContent(), SLOW).toBe('Signatures agents refuse (1)');
    const item = refused.getByRole('button', { name: `${TITLE} (en) · version 1 · signed by a key revoked before the approval time` });
    await item.click();
    await bo.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
    expect(await bo.locator('#signature-problem').textContent()).toBe(
      'Agents refuse the live version 1: signed by a key revoked before the approval time. Submit it again unchanged; another lead approves it with their key.',
    );
    await bo.getByRole('button', { name: 'Submit again for approval' }).click();
    await expect.poll(() => notice(bo), SLOW).toBe(`Submitted "${TITLE}" (en) again: another lead approves it with their key.`);

    const lena = await library('lena');
    await openFirstHit(lena, 'wire transfer refunds', TITLE);
    await lena.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => notice(lena), SLOW).toBe(`Approved: "${TITLE}" (en).`);
    await expect.poll(() => agentBadge(agent), { timeout: 30_000, interval: 200 }).toMatch(/^Approved by lena on /);
    await lena.getByRole('button', { name: 'Review queue' }).click();
    await expect.poll(() => lena.getByRole('region', { name: 'Signatures agents refuse' }).getByRole('heading').textContent(), SLOW).toBe('Signatures agents refuse (0)');
  });
});

describe('a replacement key after a revocation', () => {
  it('the revoked lead makes, by keyboard only, a replacement key in the Signing key tab, registers it and is told an admin must list it', async () => {
    const bo = await library('bo');
    const panel = await keyPanel(bo);
    const oldKey = await panel.getByRole('textbox', { name: 'Public key' }).inputValue();
    const replace = panel.getByRole('group', { name: 'Replace my approver key' });
    expect(await replace.locator('p').textContent()).toBe(
      'Your key is revoked: make a replacement key here, register it under a new name, and ask an admin to sign a new org key list that includes it.',
    );
    // Keyboard only: Tab from the public key field reaches the button; Enter presses it.
    await panel.getByRole('textbox', { name: 'Public key' }).focus();
    const button = replace.getByRole('button', { name: 'Make a replacement key' });
    for (let i = 0; i < 5 && !(await button.evaluate((el) => el === document.activeElement)); i += 1) await bo.keyboard.press('Tab');
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    await bo.keyboard.press('Enter');
    await expect.poll(() => notice(bo), SLOW).toBe(
      'Made a replacement key. Register it under a new name; an admin must then sign a new org key list that includes it before agents accept what it signs.',
    );
    const newKey = await panel.getByRole('textbox', { name: 'Public key' }).inputValue();
    expect(newKey).toMatch(PUBLIC_KEY);
    expect(newKey).not.toBe(oldKey);
    const name = panel.getByRole('textbox', { name: 'Name in the org key list' });
    await name.focus();
    await bo.keyboard.type('bo-2');
    await bo.keyboard.press('Enter');
    await panel.getByText('Registered with this server as “bo-2”.').waitFor(SLOW);
    expect(await panel.locator('.key-standing').textContent()).toMatch(/^Not in the org key list \(version 2\) yet: an admin signs registered keys into it\./);
    await signList();
    const listed = await keyPanel(bo);
    expect(await listed.locator('.key-standing').textContent()).toMatch(/^In the org key list \(version 3\) as “bo-2”, valid from \S+\./);
  });
});

describe('the org root key in Settings', () => {
  it('refuses a bad key with a clear error and saves a good one', async () => {
    const page = await overlay('lena');
    await page.keyboard.press('Control+,');
    const form = page.getByRole('form', { name: 'Signed knowledge' });
    const field = form.getByLabel('Organisation root key');
    await field.fill(root.publicKey.slice(0, 30));
    await form.getByRole('button', { name: 'Save root key' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), SLOW).toBe(
      'The organisation root key is not valid: a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=").',
    );
    expect(await page.evaluate(() => window.cuecard!.getSettings({}))).toMatchObject({ ok: true, value: { orgRootKey: '' } });
    await field.fill(` ${root.publicKey} `);
    await form.getByRole('button', { name: 'Save root key' }).click();
    await form.getByText('Saved.').waitFor();
    expect(await form.getByRole('alert').count()).toBe(0);
    expect(await page.evaluate(() => window.cuecard!.getSettings({}))).toMatchObject({ ok: true, value: { orgRootKey: root.publicKey } });
    expect(await form.locator('#cuecard-root-key-help').textContent()).toBe('Only entries signed by approvers your organisation listed are shown.');
  });

  it('shows a policy-pinned key read-only with the managed mark, and main refuses a change', async () => {
    const page = await overlay('agent');
    await page.keyboard.press('Control+,');
    const form = page.getByRole('form', { name: 'Signed knowledge' });
    const field = form.getByLabel('Organisation root key');
    expect(await field.inputValue()).toBe(root.publicKey);
    expect(await field.isDisabled()).toBe(true);
    expect(await form.locator('p.managed').textContent()).toBe('Managed by your organisation');
    expect(await form.getByRole('button', { name: 'Save root key' }).isDisabled()).toBe(true);
    expect(await page.evaluate(() => window.cuecard!.updateSettings({ orgRootKey: '' }))).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'orgRootKey is managed by your organisation and cannot be changed here.' },
    });
  });
});
