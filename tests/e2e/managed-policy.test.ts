import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useHarness } from './setup';

/** A policy file with a BOM (as PowerShell 5.1 writes it), four valid items and one invalid one. */
const policyDir = mkdtempSync(path.join(os.tmpdir(), 'cuecard-policy-'));
const policyFile = path.join(policyDir, 'policy.json');
writeFileSync(
  policyFile,
  `\uFEFF${JSON.stringify({ hotkey: 'Alt+Shift+K', locale: 'de', pasteMode: 'copy', token: 'provisioned-agent-token', updateChannel: 'nightly' })}`,
);

describe('settings locked by managed policy', () => {
  const e2e = useHarness(['--policy', policyFile]);
  afterAll(() => rmSync(policyDir, { recursive: true, force: true }));

  it('shows each locked item as "Managed by your organisation", disabled, and applies the valid items', async () => {
    const { page, problems } = await e2e.open();
    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();

    const view = await page.evaluate(() => window.cuecard!.getSettings({}));
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value).toMatchObject({ hotkey: 'Alt+Shift+K', locale: 'de', pasteMode: 'copy', hasToken: true, pinned: ['token', 'hotkey', 'locale', 'pasteMode'] });

    expect(await page.locator('p.managed', { hasText: 'Managed by your organisation' }).count()).toBe(4);
    expect(await page.getByLabel('Access token').isDisabled()).toBe(true);
    expect(await page.getByLabel('Paste it into the app I came from').isDisabled()).toBe(true);
    expect(await page.getByLabel('Server URL').isDisabled()).toBe(false);

    const refused = await page.evaluate(() => window.cuecard!.updateSettings({ pasteMode: 'paste' }));
    expect(refused.ok).toBe(false);

    const status = await page.evaluate(() => window.cuecard!.getStatus({}));
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value.notices.filter((n) => n.includes('policy'))).toEqual([
      expect.stringMatching(/^The managed policy .*policy\.json is invalid at "updateChannel": .*; that item was ignored\.$/),
    ]);
    expect(problems).toEqual([]);
  });
});
