/**
 * Thin adapter: hands electron-updater's autoUpdater, the app's facts and a few Node helpers to
 * the plain-Node UpdateService (main/update/), which decides everything and is tested without
 * Electron. Checks at start and every four hours.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppUpdater, NsisUpdater } from 'electron-updater';
import type { ManagedPolicy } from '../settings/policy-schema';
import { parseAppUpdateConfig } from '../update/app-update-config';
import { installKind } from '../update/install-kind';
import { fetchTextBounded, sha512File } from '../update/fetch-bounded';
import { MAX_MANIFEST_BYTES } from '../update/release-manifest';
import { BUILT_IN_RELEASE_KEYS } from '../update/release-keys';
import { UpdateService } from '../update/update-service';
import { failClosedSignatureVerifier, powerShellPath } from '../update/windows-signature';

const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface UpdaterShellDeps {
  updater: AppUpdater;
  packaged: boolean;
  version: string;
  resourcesPath: string;
  /** Electron's net.fetch: Chromium's network stack, which trusts the OS certificate store. */
  fetch: typeof globalThis.fetch;
  isBusy(): boolean;
  log(message: string): void;
}

export function createUpdateService(deps: UpdaterShellDeps, policy: ManagedPolicy): { service: UpdateService; stop(): void } {
  const configFile = path.join(deps.resourcesPath, 'app-update.yml');
  const packageTypeFile = path.join(deps.resourcesPath, 'package-type');
  if (process.platform === 'win32') {
    (deps.updater as NsisUpdater).verifyUpdateCodeSignature = failClosedSignatureVerifier(
      (args) =>
        new Promise((resolve, reject) =>
          execFile(powerShellPath(process.env), [...args], { windowsHide: true, timeout: 60_000 }, (error, stdout) => {
            if (error && typeof error.code !== 'number') reject(error);
            else resolve({ code: error ? Number(error.code) : 0, stdout });
          }),
        ),
    );
  }
  const service = new UpdateService({
    updater: deps.updater,
    kind: installKind({
      packaged: deps.packaged,
      platform: process.platform,
      execPath: process.execPath,
      env: process.env,
      exists: existsSync,
      packageType: existsSync(packageTypeFile) ? readFileSync(packageTypeFile, 'utf8') : null,
    }),
    os: process.platform === 'win32' ? 'win' : 'mac',
    currentVersion: deps.version,
    appUpdateConfig: existsSync(configFile) ? parseAppUpdateConfig(readFileSync(configFile, 'utf8'), process.platform) : null,
    builtInReleaseKeys: BUILT_IN_RELEASE_KEYS,
    fetchText: (url) => fetchTextBounded(deps.fetch, url, MAX_MANIFEST_BYTES),
    hashFile: sha512File,
    isBusy: deps.isBusy,
    log: deps.log,
  });
  service.configure(policy);
  const check = (): void => void service.check();
  check();
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  return { service, stop: () => clearInterval(timer) };
}
