import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../main/core/domain-error';
import type { HotkeyPort } from '../../../main/core/ports';
import { DEFAULT_HOTKEY, SettingsService } from '../../../main/settings/settings-service';
import type { ManagedPolicy } from '../../../main/settings/policy';
import { openDatabase } from '../../../main/store/database';
import { SettingEntity } from '../../../main/store/entities';
import { KeyValueStore } from '../../../main/store/key-value-store';
import { parsePolicy } from '../../helpers/policy';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const cipher = {
  encrypt: (plain: string) => `sealed:${Buffer.from(plain).toString('base64')}`,
  decrypt: (sealed: string) => Buffer.from(sealed.replace(/^sealed:/, ''), 'base64').toString(),
};

function fakeHotkey(taken: string[] = []): HotkeyPort & { applied: string[] } {
  const applied: string[] = [];
  return {
    applied,
    apply: (a) => (taken.includes(a) ? { ok: false, message: `${a} is already used by another app.` } : (applied.push(a), { ok: true })),
    problem: () => null,
  };
}

async function open(dir: string, policy: ManagedPolicy = {}, hotkey = fakeHotkey()) {
  const { db } = await openDatabase({ file: path.join(dir, 'cuecard.db') });
  const store = new KeyValueStore(db, SettingEntity);
  const settings = await SettingsService.load({ store, cipher, policy, hotkey });
  return { db, store, settings, hotkey };
}

describe('SettingsService', () => {
  it('starts with defaults', async () => {
    const { db, settings } = await open(tempDir());
    expect(settings.view()).toMatchObject({ hotkey: DEFAULT_HOTKEY, locale: 'en', theme: 'system', hasToken: false, pinned: [] });
    await db.close();
  });

  it('persists changes across restarts', async () => {
    const dir = tempDir();
    const first = await open(dir);
    await first.settings.update({ hotkey: 'Alt+Shift+K', locale: 'fr', theme: 'dark', fallbackLocales: ['es', 'en'] });
    await first.db.close();
    const second = await open(dir);
    expect(second.settings.view()).toMatchObject({ hotkey: 'Alt+Shift+K', locale: 'fr', theme: 'dark', fallbackLocales: ['es', 'en'] });
    await second.db.close();
  });

  it('refuses an invalid accelerator and keeps the old hotkey', async () => {
    const { db, settings, hotkey } = await open(tempDir());
    await expect(settings.update({ hotkey: 'Ctrl+Banana' })).rejects.toMatchObject({ code: 'invalid_hotkey' });
    expect(settings.view().hotkey).toBe(DEFAULT_HOTKEY);
    expect(hotkey.applied).toEqual([]);
    await db.close();
  });

  it('refuses a taken hotkey, keeps the old one, and saves nothing else from that update', async () => {
    const { db, settings } = await open(tempDir(), {}, fakeHotkey(['Alt+Space']));
    await expect(settings.update({ hotkey: 'Alt+Space', theme: 'dark' })).rejects.toMatchObject({ code: 'hotkey_taken' });
    expect(settings.view()).toMatchObject({ hotkey: DEFAULT_HOTKEY, theme: 'system' });
    await db.close();
  });

  it('stores the token sealed, never in the clear', async () => {
    const { db, settings, store } = await open(tempDir());
    await settings.update({ token: 'secret-token-123' });
    expect(settings.token()).toBe('secret-token-123');
    expect(settings.view().hasToken).toBe(true);
    expect(JSON.stringify([...(await store.getAll())])).not.toContain('secret-token-123');
    await db.close();
  });

  it('refuses a plain-http server URL except on this computer', async () => {
    const { db, settings } = await open(tempDir());
    await expect(settings.update({ serverUrl: 'http://kb.example.com' })).rejects.toEqual(
      new DomainError('invalid_input', 'The server URL must use https:// (http:// only for a server on this computer: 127.0.0.1, [::1] or localhost).'),
    );
    await settings.update({ serverUrl: 'http://127.0.0.1:8787/' });
    expect(settings.view().serverUrl).toBe('http://127.0.0.1:8787');
    await db.close();
  });

  it('lets managed policy pin server and hotkey', async () => {
    const { policy, problems } = parsePolicy(JSON.stringify({ serverUrl: 'https://kb.example.com', hotkey: 'Alt+K', updateChannel: 'beta' }), 'policy.json');
    expect(problems).toEqual([]);
    const { db, settings } = await open(tempDir(), policy);
    expect(settings.view()).toMatchObject({ serverUrl: 'https://kb.example.com', hotkey: 'Alt+K' });
    expect(settings.view().pinned.sort()).toEqual(['hotkey', 'serverUrl']);
    await expect(settings.update({ serverUrl: 'https://other.example.com' })).rejects.toEqual(
      new DomainError('managed_by_policy', 'serverUrl is managed by your organisation and cannot be changed here.'),
    );
    await db.close();
  });
});

describe('SettingsService under managed policy', () => {
  it('applies a re-read policy at once, tells listeners, and never writes it into the stored settings', async () => {
    const { db, settings, store } = await open(tempDir());
    await settings.update({ locale: 'fr', serverUrl: 'https://mine.example.com' });
    const seen: string[] = [];
    settings.onChange((view) => seen.push(`${view.locale} ${view.serverUrl} ${view.pasteMode} ${view.pinned.join(',')}`));
    settings.setPolicy({ locale: 'de', serverUrl: 'https://kb.example.com', pasteMode: 'copy', updateChannel: 'beta' });
    expect(seen).toEqual(['de https://kb.example.com copy serverUrl,locale,pasteMode']);
    await settings.update({ theme: 'dark' });
    const stored = await store.getAll();
    expect([stored.get('locale'), stored.get('serverUrl'), stored.get('pasteMode')]).toEqual(['fr', 'https://mine.example.com', 'paste']);
    settings.setPolicy({});
    expect(settings.view()).toMatchObject({ locale: 'fr', serverUrl: 'https://mine.example.com', pasteMode: 'paste', pinned: [] });
    await db.close();
  });

  it('uses a policy token without storing it, and shows the token as managed', async () => {
    const { db, settings, store } = await open(tempDir(), { token: 'provisioned-token-1' });
    expect(settings.token()).toBe('provisioned-token-1');
    expect(settings.view()).toMatchObject({ hasToken: true, pinned: ['token'] });
    await expect(settings.update({ token: 'mine' })).rejects.toThrow(/token is managed by your organisation/);
    expect(JSON.stringify([...(await store.getAll())])).not.toContain('provisioned-token-1');
    await db.close();
  });

  it('applies defaultHotkey until the agent chooses another hotkey, without locking it', async () => {
    const { db, settings } = await open(tempDir(), { defaultHotkey: 'Alt+Shift+J' });
    expect(settings.view()).toMatchObject({ hotkey: 'Alt+Shift+J', pinned: [] });
    await settings.update({ hotkey: 'Alt+Shift+K' });
    expect(settings.view().hotkey).toBe('Alt+Shift+K');
    settings.setPolicy({ defaultHotkey: 'Alt+Shift+J', hotkey: 'Alt+Shift+L' });
    expect(settings.view()).toMatchObject({ hotkey: 'Alt+Shift+L', pinned: ['hotkey'] });
    await db.close();
  });

  it.each([
    ['http://127.attacker.example', /must use https/],
    ['https://user:pass@kb.example.com', /user name or password/],
    ['http://10.0.0.5', /must use https/],
  ])('refuses the server URL %s in Settings', async (url, message) => {
    const { db, settings } = await open(tempDir());
    await expect(settings.update({ serverUrl: url })).rejects.toThrow(message);
    await db.close();
  });
});

describe('parsePolicy', () => {
  it.each([
    ['{ not json', "is not valid JSON (Expected property name or '}' in JSON at position 2); it was ignored."],
    ['[1, 2]', 'is not a set of named values; it was ignored.'],
    ['"text"', 'is not a set of named values; it was ignored.'],
  ])('ignores a policy %j that is not an object, with a clear problem', (text, problem) => {
    const loaded = parsePolicy(text, '/etc/cuecard/policy.json');
    expect(loaded).toEqual({ policy: {}, problems: [`The managed policy /etc/cuecard/policy.json ${problem}`] });
  });
});
