/**
 * The UpdateService driving the real electron-updater (NsisUpdater with a test app adapter, as
 * electron-builder's own tests do) against an update host on 127.0.0.1: the library's channel
 * side effect, staged rollouts, the fail-closed signature check and the signed manifest.
 */
import { writeFileSync } from 'node:fs';
import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAppUpdateConfig } from '../../../main/update/app-update-config';
import { fetchTextBounded, sha512File } from '../../../main/update/fetch-bounded';
import { MAX_MANIFEST_BYTES } from '../../../main/update/release-manifest';
import { UpdateService } from '../../../main/update/update-service';
import type { RunPowerShell } from '../../../main/core/ports';
import { failClosedSignatureVerifier } from '../../../main/update/windows-signature';
import { useTempDirs } from '../../helpers/temp-dir';
import { release, releaseKeys, sha512, signed } from '../../unit/update/fakes';

const tempDir = useTempDirs();
const org = releaseKeys();
const INSTALLER_BYTES = 'MZ pretend installer for 1.3.0';

/** Node's http in place of Electron's net, as electron-builder's tests do (builder-util's NodeHttpExecutor). */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return new Promise((resolve, reject) => {
      const requestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel: () => undefined, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null }, 0);
    });
  }

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    const request = http.request(options);
    request.on('response', callback);
    return request;
  }
}

/** The update host: path → body; remembers what was asked for. */
async function updateHost(files: Record<string, string>) {
  const requested: string[] = [];
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    requested.push(name);
    const body = files[name];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { url, requested, files };
}
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function latestYml(version: string, extra = ''): string {
  return `version: ${version}\nfiles:\n  - url: Cuecard-Setup-${version}.exe\n    sha512: ${sha512(INSTALLER_BYTES)}\n    size: ${INSTALLER_BYTES.length}\npath: Cuecard-Setup-${version}.exe\nsha512: ${sha512(INSTALLER_BYTES)}\nreleaseDate: '2026-11-01T00:00:00.000Z'\n${extra}`;
}

/** A real NsisUpdater for app version 1.2.0; `bucket` fixes the staged-rollout user id. */
function realUpdater(feedUrl: string, { publisherName = 'Example Corp', bucket = '00000000' } = {}) {
  const dir = tempDir();
  const configPath = path.join(dir, 'app-update.yml');
  const configText = `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: cuecard-updater\n${publisherName ? `publisherName:\n  - ${publisherName}\n` : ''}`;
  writeFileSync(configPath, configText);
  // electron-updater reads bytes 12..15 of this UUID as the user's rollout bucket.
  writeFileSync(path.join(dir, '.updaterId'), `6a1d6b1e-0000-4000-8000-0000${bucket}`);
  const adapter: AppAdapter = {
    version: '1.2.0',
    name: 'Cuecard',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: dir,
    baseCachePath: path.join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new NsisUpdater(null, adapter);
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.logger = null;
  return { updater, configText };
}

function service(updater: NsisUpdater, configText: string, run: RunPowerShell) {
  updater.verifyUpdateCodeSignature = failClosedSignatureVerifier(run);
  const s = new UpdateService({
    updater,
    kind: 'windows-per-user',
    os: 'win',
    currentVersion: '1.2.0',
    appUpdateConfig: parseAppUpdateConfig(configText, 'win32'),
    builtInReleaseKeys: [org.base64],
    fetchText: (url) => fetchTextBounded(globalThis.fetch, url, MAX_MANIFEST_BYTES),
    hashFile: sha512File,
    isBusy: () => false,
    log: () => undefined,
  });
  s.configure({});
  return s;
}

const validSignature: RunPowerShell = () => Promise.resolve({ code: 0, stdout: '{"status":"Valid","subject":"CN=Example Corp, O=Example Corp, C=US"}' });

describe('electron-updater behind the UpdateService', () => {
  it('the library turns downgrades on when the channel is set; the service turns them off after', async () => {
    const host = await updateHost({ 'beta-linux.yml': latestYml('1.1.0') });
    const naive = realUpdater(host.url).updater;
    naive.allowDowngrade = false;
    naive.channel = 'beta';
    naive.autoDownload = false;
    expect((await naive.checkForUpdates())?.isUpdateAvailable).toBe(true);

    const { updater, configText } = realUpdater(host.url);
    const s = service(updater, configText, validSignature);
    s.configure({ updateChannel: 'beta' });
    expect(await s.check()).toEqual({ state: 'idle' });
    expect(host.requested).toEqual(['beta-linux.yml', 'beta-linux.yml']);
  });

  it('honours stagingPercentage: a user outside the rollout is not offered the update', async () => {
    const host = await updateHost({ 'latest-linux.yml': latestYml('1.3.0', 'stagingPercentage: 10\n') });
    const outside = realUpdater(host.url, { bucket: 'f0000000' });
    expect(await service(outside.updater, outside.configText, validSignature).check()).toEqual({ state: 'idle' });
    expect(host.requested).toEqual(['latest-linux.yml']);
  });

  it('installs nothing unless the manifest is signed; then downloads, checks the signature and the hash', async () => {
    const host = await updateHost({
      'latest-linux.yml': latestYml('1.3.0', 'stagingPercentage: 10\n'),
      'Cuecard-Setup-1.3.0.exe': INSTALLER_BYTES,
    });
    const inside = realUpdater(host.url, { bucket: '01000000' });
    const s = service(inside.updater, inside.configText, validSignature);
    expect(await s.check()).toMatchObject({ state: 'refused', version: '1.3.0', reason: expect.stringMatching(/release-stable-win.json answered 404/) });
    expect(host.requested.filter((p) => p.endsWith('.exe'))).toEqual([]);

    host.files['release-stable-win.json'] = signed({ ...release('1.3.0', INSTALLER_BYTES), files: [{ name: 'Cuecard-Setup-1.3.0.exe', sha512: sha512(INSTALLER_BYTES), size: INSTALLER_BYTES.length }] }, org);
    expect(await s.check()).toEqual({ state: 'ready', version: '1.3.0' });
    expect(host.requested.filter((p) => p.endsWith('.exe'))).toEqual(['Cuecard-Setup-1.3.0.exe']);
    expect(inside.updater.autoInstallOnAppQuit).toBe(true);
  });

  it('refuses the download when the Windows signature check could not run', async () => {
    const host = await updateHost({
      'latest-linux.yml': latestYml('1.3.0'),
      'Cuecard-Setup-1.3.0.exe': INSTALLER_BYTES,
      'release-stable-win.json': signed({ ...release('1.3.0', INSTALLER_BYTES), files: [{ name: 'Cuecard-Setup-1.3.0.exe', sha512: sha512(INSTALLER_BYTES), size: INSTALLER_BYTES.length }] }, org),
    });
    const { updater, configText } = realUpdater(host.url);
    const s = service(updater, configText, () => Promise.reject(new Error('powershell.exe is blocked by AppLocker')));
    const state = await s.check();
    expect(state).toMatchObject({ state: 'refused', version: '1.3.0' });
    expect(state.state === 'refused' && state.reason).toMatch(/not signed by the application owner: The installer signature could not be checked \(powershell.exe is blocked by AppLocker\)/);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('electron-updater alone skips the signature check without publisherName; the service refuses to start', async () => {
    const host = await updateHost({});
    const { updater, configText } = realUpdater(host.url, { publisherName: '' });
    const verify = (updater as unknown as { verifySignature(file: string): Promise<string | null> }).verifySignature.bind(updater);
    expect(await verify('/tmp/unsigned.exe')).toBeNull();
    const s = service(updater, configText, validSignature);
    expect(await s.check()).toEqual({
      state: 'off',
      reason: 'app-update.yml has no publisherName, so the installer signature could not be checked; updates are off.',
    });
    expect(host.requested).toEqual([]);
  });
});
