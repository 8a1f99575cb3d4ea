/** electron-builder.yml as electron-builder reads it, and the app-update.yml it would write from it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type BuilderConfig = Record<string, unknown> & {
  win: Record<string, unknown> & { signtoolOptions?: Record<string, unknown> };
};

export function builderConfig(): BuilderConfig {
  return parseYaml(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/**
 * The Windows app-update.yml, computed by app-builder-lib's own getAppUpdatePublishConfiguration
 * and serializeToYaml (what `electron-builder --win` writes into resources/), with a stand-in for
 * the Windows packager that has no certificate — so publisherName can only come from the config.
 */
export async function windowsAppUpdateYml(config: BuilderConfig): Promise<string> {
  const { getAppUpdatePublishConfiguration } = await import('app-builder-lib/out/publish/PublishManager.js');
  const { WindowsSignToolManager } = await import('app-builder-lib/out/codeSign/windowsSignToolManager.js');
  const { Platform } = await import('app-builder-lib');
  const { serializeToYaml } = await import('builder-util');
  const appInfo = { channel: null, updaterCacheDirName: 'cuecard-updater', version: '1.2.0' };
  const packager = {
    platform: Platform.WINDOWS,
    config,
    platformSpecificBuildOptions: config.win,
    appInfo,
    info: { config, appInfo },
    expandMacro: (value: string) => value,
    get isForceCodeSigningVerification() {
      return config.win.verifyUpdateCodeSignature !== false;
    },
    signingManager: { value: Promise.resolve() as Promise<unknown> },
  };
  const manager = new WindowsSignToolManager(packager as never);
  // No certificate on this machine: the publisher name must come from signtoolOptions.
  (manager as unknown as { lazyCertInfo: { value: Promise<null> } }).lazyCertInfo = { value: Promise.resolve(null) };
  packager.signingManager.value = Promise.resolve(manager);
  const publishConfig = await getAppUpdatePublishConfiguration(packager as never, null, 1, false);
  return serializeToYaml(publishConfig);
}
