import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppUpdater } from 'electron-updater';
import { describe, expect, it } from 'vitest';
import { createUpdateService } from '../../../main/shell/updater';
import { useTempDirs } from '../../helpers/temp-dir';
import { FakeUpdater } from './fakes';

const tempDir = useTempDirs();

describe('the updater shell adapter', () => {
  it('reads resources/package-type: a deb install never checks for updates', () => {
    const resourcesPath = tempDir();
    writeFileSync(path.join(resourcesPath, 'package-type'), 'deb');
    const updater = new FakeUpdater();
    const { service, stop } = createUpdateService(
      { updater: updater as unknown as AppUpdater, packaged: true, version: '1.2.0', resourcesPath, fetch: globalThis.fetch, isBusy: () => false, log: () => undefined },
      {},
    );
    stop();
    // The adapter reads the real process.platform: macOS has no package-type, and stops at the missing app-update.yml.
    const reason = process.platform === 'darwin' ? 'This build has no update configuration (app-update.yml); updates are off.' : 'Updates come from your package manager or IT.';
    expect(service.state).toEqual({ state: 'off', reason });
    expect(updater.calls).toEqual([]);
    expect({ allowDowngrade: updater.allowDowngrade, web: updater.disableWebInstaller }).toEqual({ allowDowngrade: false, web: true });
  });

  it('a development build never checks for updates', () => {
    const updater = new FakeUpdater();
    const { service, stop } = createUpdateService(
      { updater: updater as unknown as AppUpdater, packaged: false, version: '1.2.0', resourcesPath: tempDir(), fetch: globalThis.fetch, isBusy: () => false, log: () => undefined },
      { updateChannel: 'beta' },
    );
    stop();
    expect(service.state).toEqual({ state: 'off', reason: 'Updates are off in a development build.' });
    expect({ channel: updater.channel, calls: updater.calls }).toEqual({ channel: 'beta', calls: [] });
  });
});
