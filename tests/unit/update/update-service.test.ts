import { describe, expect, it } from 'vitest';
import type { InstallKind } from '../../../main/update/install-kind';
import { UpdateService } from '../../../main/update/update-service';
import { updateTrayItem, UPDATE_READY_LABEL } from '../../../main/update/update-tray';
import { FakeUpdater, INSTALLER, keyIdOf, release, releaseKeys, serviceDeps, sha512, signed } from './fakes';

const org = releaseKeys();

function offer(updater: FakeUpdater, version = '1.3.0', content = 'installer bytes', served = content) {
  updater.offered = { version, files: [{ url: INSTALLER, sha512: sha512(content) }] };
  updater.downloads = { [`/tmp/pending/${INSTALLER}`]: served };
}

function readyService(overrides: Parameters<typeof serviceDeps>[0] = {}) {
  const updater = new FakeUpdater();
  offer(updater);
  const deps = serviceDeps({ updater, builtInReleaseKeys: [org.base64], manifestText: signed(release(), org), ...overrides });
  const service = new UpdateService(deps);
  service.configure({});
  return { updater, deps, service };
}

describe('UpdateService configuration', () => {
  it('sets the channel first and only then turns downgrades off (the channel setter turns them on)', () => {
    const { updater, service } = readyService();
    service.configure({ updateChannel: 'beta' });
    expect({ channel: updater.channel, allowDowngrade: updater.allowDowngrade }).toEqual({ channel: 'beta', allowDowngrade: false });
    service.configure({ updateChannel: 'stable' });
    expect({ channel: updater.channel, allowDowngrade: updater.allowDowngrade }).toEqual({ channel: 'latest', allowDowngrade: false });
  });

  it('never uses the web installer, never downloads or installs on quit before verification', () => {
    const { updater } = readyService();
    expect({ web: updater.disableWebInstaller, autoDownload: updater.autoDownload, onQuit: updater.autoInstallOnAppQuit }).toEqual({ web: true, autoDownload: false, onQuit: false });
  });

  it.each([
    ['deb', 'Updates come from your package manager or IT.'],
    ['appimage', 'Updates come from your package manager or IT.'],
    ['linux-other', 'Updates come from your package manager or IT.'],
    ['windows-msi', 'Updates come from your package manager or IT.'],
    ['development', 'Updates are off in a development build.'],
  ] as const)('a %s install never updates itself', async (kind: InstallKind, reason) => {
    const { updater, service } = readyService({ kind });
    expect(await service.check()).toEqual({ state: 'off', reason });
    expect(updater.calls).toEqual([]);
    expect(updateTrayItem(service.state)).toEqual({ label: reason, restart: false });
  });

  it('turns off with policy updates=off and back on when the policy changes', async () => {
    const { updater, service } = readyService();
    service.configure({ updates: 'off' });
    expect(await service.check()).toEqual({ state: 'off', reason: 'Updates are managed by your organisation.' });
    expect(updater.calls).toEqual([]);
    service.configure({ updates: 'on' });
    expect((await service.check()).state).toBe('ready');
  });

  it('refuses to update on Windows when app-update.yml has no publisherName (the signature check could not run)', async () => {
    const message = 'app-update.yml has no publisherName, so the installer signature could not be checked; updates are off.';
    const { updater, service } = readyService({ appUpdateConfig: { ok: false, message } });
    expect(await service.check()).toEqual({ state: 'off', reason: message });
    expect(updater.calls).toEqual([]);
  });

  it('refuses to update without any trusted release key', async () => {
    const { service } = readyService({ builtInReleaseKeys: [] });
    expect((await service.check()).state).toBe('off');
  });
});

describe('UpdateService check', () => {
  it('downloads, verifies against the signed manifest and offers "update ready — restart"', async () => {
    const { updater, deps, service } = readyService();
    expect(await service.check()).toEqual({ state: 'ready', version: '1.3.0' });
    expect(deps.fetched).toEqual(['https://updates.example.com/cuecard/release-stable-win.json']);
    expect(updater.calls).toEqual(['check', 'download']);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updateTrayItem(service.state)).toEqual({ label: UPDATE_READY_LABEL, restart: true });
  });

  it('fetches the beta manifest on the beta channel', async () => {
    const { deps, service } = readyService({ manifestText: signed({ ...release(), channel: 'beta' }, org) });
    service.configure({ updateChannel: 'beta' });
    expect(await service.check()).toEqual({ state: 'ready', version: '1.3.0' });
    expect(deps.fetched).toEqual(['https://updates.example.com/cuecard/release-beta-win.json']);
  });

  it('trusts the policy releaseKey instead of the built-in key', async () => {
    const itKey = releaseKeys();
    const { service } = readyService({ manifestText: signed(release(), itKey) });
    expect((await service.check()).state).toBe('refused');
    service.configure({ releaseKey: itKey.base64 });
    const again = readyService({ manifestText: signed(release(), itKey) });
    again.service.configure({ releaseKey: itKey.base64 });
    expect(await again.service.check()).toEqual({ state: 'ready', version: '1.3.0' });
  });

  it('refuses a manifest signed by an unknown key, and downloads nothing', async () => {
    const stranger = releaseKeys();
    const { updater, service } = readyService({ manifestText: signed(release(), stranger) });
    expect(await service.check()).toEqual({
      state: 'refused',
      version: '1.3.0',
      reason: `The release is signed with key ${keyIdOf(stranger.base64)}, which this app does not trust.`,
    });
    expect(updater.calls).toEqual(['check']);
  });

  it('refuses when the feed offers a file whose hash differs from the signed manifest', async () => {
    const { updater, service } = readyService();
    offer(updater, '1.3.0', 'evil installer');
    const state = await service.check();
    expect(state).toEqual({ state: 'refused', version: '1.3.0', reason: `The update file ${INSTALLER} has a different hash from the signed release manifest.` });
    expect(updater.calls).toEqual(['check']);
  });

  it('refuses when the downloaded file differs from the signed manifest, and never installs it on quit', async () => {
    const { updater, service } = readyService();
    offer(updater, '1.3.0', 'installer bytes', 'swapped on disk');
    expect(await service.check()).toEqual({ state: 'refused', version: '1.3.0', reason: `The downloaded ${INSTALLER} does not match the signed release manifest.` });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    service.requestRestart();
    expect(updater.calls).toEqual(['check', 'download']);
  });

  it('refuses when the feed and the signed manifest name different versions', async () => {
    const { updater, service } = readyService({ manifestText: signed(release('1.4.0'), org) });
    offer(updater, '1.3.0');
    expect(await service.check()).toMatchObject({ state: 'refused', reason: 'The update feed offers 1.3.0 but the signed manifest is for 1.4.0.' });
  });

  it('refuses a lower version even when the feed offers it and it is signed', async () => {
    const { updater, service } = readyService({ manifestText: signed(release('1.1.0'), org) });
    offer(updater, '1.1.0');
    expect(await service.check()).toMatchObject({ state: 'refused', version: '1.1.0', reason: expect.stringMatching(/never downgrades/) });
  });

  it('reports a failed check without throwing and can check again', async () => {
    const { updater, service } = readyService();
    updater.checkForUpdates = () => Promise.reject(new Error('ENOTFOUND updates.example.com\nstack'));
    expect(await service.check()).toEqual({ state: 'failed', reason: 'The update check failed: ENOTFOUND updates.example.com' });
    expect(await service.check()).toMatchObject({ state: 'failed' });
  });
});

describe('UpdateService restart', () => {
  it('restarts at once when the agent asks and nothing is busy', async () => {
    const { updater, service } = readyService();
    await service.check();
    service.requestRestart();
    expect(updater.calls.at(-1)).toBe('quitAndInstall(true, true)');
  });

  it('never restarts while the overlay is open: it waits until the overlay closes', async () => {
    let busy = true;
    const { updater, service } = readyService({ isBusy: () => busy });
    await service.check();
    service.requestRestart();
    expect(service.state).toEqual({ state: 'restart-pending', version: '1.3.0' });
    service.noteIdle();
    expect(updater.calls).toEqual(['check', 'download']);
    busy = false;
    service.noteIdle();
    expect(updater.calls.at(-1)).toBe('quitAndInstall(true, true)');
  });

  it('a per-machine install never installs on quit (no silent elevation prompt), only when the agent asks', async () => {
    const { updater, service } = readyService({ kind: 'windows-per-machine' });
    expect(await service.check()).toEqual({ state: 'ready', version: '1.3.0' });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    service.configure({});
    expect(updater.autoInstallOnAppQuit).toBe(false);
    service.requestRestart();
    expect(updater.calls.at(-1)).toBe('quitAndInstall(false, true)');
  });

  it('does nothing on restart when no update is ready', () => {
    const { updater, service } = readyService();
    service.requestRestart();
    service.noteIdle();
    expect(updater.calls).toEqual([]);
  });
});
