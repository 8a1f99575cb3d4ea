import { createHash, generateKeyPairSync } from 'node:crypto';
import { rawPublicKeyBase64, signManifest } from '../../../deploy/tools/release';
import type { ReleaseManifest } from '../../../main/update/release-manifest';
import type { UpdaterPort } from '../../../main/core/ports';
import type { UpdateServiceDeps } from '../../../main/update/update-service';

export const sha512 = (text: string): string => createHash('sha512').update(text).digest('base64');

/** A stand-in for electron-updater's AppUpdater, including its channel setter's side effect. */
export class FakeUpdater implements UpdaterPort {
  allowDowngrade = false;
  autoDownload = true;
  autoInstallOnAppQuit = true;
  disableWebInstaller = false;
  private channelValue: string | null = null;
  offered: { version: string; files: { url: string; sha512: string }[] } | null = null;
  /** What downloadUpdate "writes": file path → content. */
  downloads: Record<string, string> = {};
  calls: string[] = [];

  get channel(): string | null {
    return this.channelValue;
  }

  set channel(value: string | null) {
    this.channelValue = value;
    this.allowDowngrade = true; // what electron-updater 6 does
  }

  checkForUpdates(): ReturnType<UpdaterPort['checkForUpdates']> {
    this.calls.push('check');
    return Promise.resolve(this.offered ? { isUpdateAvailable: true, updateInfo: this.offered } : { isUpdateAvailable: false, updateInfo: { version: '1.2.0', files: [] } });
  }

  downloadUpdate(): Promise<string[]> {
    this.calls.push('download');
    return Promise.resolve(Object.keys(this.downloads));
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.calls.push(`quitAndInstall(${isSilent}, ${isForceRunAfter})`);
  }
}

export const releaseKeys = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey, privateKey, base64: rawPublicKeyBase64(publicKey) };
};

/** A key's id as main/update/ed25519.ts defines it (first 16 hex digits of SHA-256 of the raw key), computed here on its own. */
export function keyIdOf(rawBase64: string): string {
  return createHash('sha256').update(Buffer.from(rawBase64, 'base64')).digest('hex').slice(0, 16);
}

export const INSTALLER = 'Cuecard-Setup-1.3.0.exe';

export function release(version = '1.3.0', content = 'installer bytes'): ReleaseManifest {
  return { product: 'cuecard', channel: 'stable', os: 'win', version, files: [{ name: INSTALLER, sha512: sha512(content), size: content.length }] };
}

export function serviceDeps(overrides: Partial<UpdateServiceDeps> & { manifestText?: string } = {}): UpdateServiceDeps & { fetched: string[]; logs: string[] } {
  const fetched: string[] = [];
  const logs: string[] = [];
  const updater = (overrides.updater as FakeUpdater | undefined) ?? new FakeUpdater();
  return {
    fetched,
    logs,
    updater,
    kind: 'windows-per-user',
    os: 'win',
    currentVersion: '1.2.0',
    appUpdateConfig: { ok: true, config: { feedUrl: 'https://updates.example.com/cuecard', publisherNames: ['Example Corp'] } },
    builtInReleaseKeys: [],
    fetchText: (url) => (fetched.push(url), Promise.resolve(overrides.manifestText ?? '')),
    hashFile: (file) => Promise.resolve(sha512((updater as FakeUpdater).downloads[file] ?? '')),
    isBusy: () => false,
    log: (m) => logs.push(m),
    ...overrides,
  };
}

export function signed(manifest: ReleaseManifest, keys: ReturnType<typeof releaseKeys>): string {
  return JSON.stringify(signManifest(manifest, keys.privateKey, keys.publicKey));
}
