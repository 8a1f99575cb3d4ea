/**
 * The real core and app services on a temp data dir, with quiet stand-in ports: for IPC-level tests.
 * A `log` port given here goes to the core as well as to the app services. Secrets are sealed by
 * the app's SafeStorageCipher over a stand-in for Electron's safeStorage.
 */
import { APP_ENTRY_URL } from '../../common/ipc-channels';
import { CHANNELS } from '../../common/ipc-contract';
import { createAppServices, type AppPorts } from '../../main/core/app-services';
import { openCore } from '../../main/core/open-core';
import type { ManagedPolicy } from '../../main/settings/policy-schema';
import { MemoryClipboard } from './memory-clipboard';
import type { SecretCipher } from '../../main/core/ports';
import { SafeStorageCipher } from '../../main/shell/safe-storage-cipher';
import { fakeSafeStorage } from './fake-safe-storage';

export async function startQuietApp(
  dataDir: string,
  cleanup: Array<() => Promise<unknown>>,
  ports: Partial<AppPorts> = {},
  policy: ManagedPolicy = {},
  cipher: SecretCipher = new SafeStorageCipher(fakeSafeStorage().storage),
) {
  const log = ports.log ?? (() => undefined);
  const core = await openCore({ dataDir, cipher, seedSample: false, log, policy });
  cleanup.push(() => core.close());
  const clipboard = new MemoryClipboard();
  const app = await createAppServices(core, {
    clipboard,
    contextReader: clipboard,
    overlay: { hide: async () => undefined },
    links: { open: async () => undefined },
    platform: 'linux',
    env: {},
    fetch: globalThis.fetch,
    log,
    logFolder: { open: async () => undefined },
    libraryWindow: { open: async () => undefined, isOpen: () => false, send: () => undefined },
    ...ports,
  });
  cleanup.push(() => app.sync.stop());
  const call = (key: keyof typeof CHANNELS, payload?: unknown) => app.router.dispatch(CHANNELS[key], APP_ENTRY_URL, payload);
  return { core, app, call };
}
