/**
 * The harness as a function: the real core services (the app's code, real SQLite in `dataDir`)
 * behind the loopback HTTP server that serves the built renderer. `main.ts` runs it as a process
 * (`npm run harness`); the overlay bench opens it in its own process so that a DevTools-protocol
 * bridge (cdp-bridge.ts) can reach the same router. Test and development tool only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS, type InsertOutcome, type OverlayEvent } from '../../common/ipc-contract';
import type { LibraryEvent } from '../../common/library-contract';
import { createAppServices } from '../../main/core/app-services';
import { startLiveSync } from '../../main/core/live-sync';
import { openCore } from '../../main/core/open-core';
import { jsonFileSource, loadManagedPolicy } from '../../main/settings/policy-sources';
import type { IpcRouter } from '../../main/ipc/handle';
import type { Logger } from '../../main/core/ports';
import { openAppLog } from '../../main/log/app-log';
import { createHarnessRoutes, HarnessRecorder } from './harness-state';
import { HarnessServer } from './harness-server';
import { loadHarnessEntries } from './load-entries';
import { SafeStorageCipher } from '../../main/shell/safe-storage-cipher';
import { fakeSafeStorage } from '../helpers/fake-safe-storage';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface HarnessOptions {
  port: number;
  dataDir: string;
  /** The built renderer; built first when the default folder has none. */
  rendererDir?: string;
  importFile?: string;
  docs?: number;
  policyFile?: string;
  server?: { url: string; token: string };
}

export interface OpenHarness {
  url: string;
  /** The overlay's channels, as main's IPC registration would call them. */
  router: IpcRouter;
  /** The Library's channels. */
  libraryRouter: IpcRouter;
  /** Stops sync and the server and closes the store (the index is persisted as the app does). */
  close(): Promise<void>;
}

export async function openHarness(options: HarnessOptions): Promise<OpenHarness> {
  const dataDir = path.resolve(options.dataDir);
  const rendererDir = path.resolve(options.rendererDir ?? path.join(projectRoot, 'out/renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    if (options.rendererDir) throw new Error(`No built renderer in ${rendererDir}.`);
    // A fresh checkout has no build yet: make one, so `npm run harness` works right after install.
    console.error('[harness] building the renderer (out/renderer) first…');
    const build = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
      cwd: projectRoot,
      stdio: ['ignore', 2, 2], // stdout stays for the ready line
    });
    if (build.status !== 0) throw new Error('building the renderer failed; see the output above.');
  }

  // A managed policy read as the app reads its JSON policy file (the e2e test of locked settings).
  const policy = options.policyFile
    ? await loadManagedPolicy([jsonFileSource(path.resolve(options.policyFile))])
    : { policy: {}, problems: [] };
  // The real rotating log file, in the data folder (the app uses the OS's log folder).
  let token = (): string => '';
  const appLog = await openAppLog({ folder: path.join(dataDir, 'logs'), secrets: () => [token()] });
  const log: Logger = (message, error) => {
    appLog.log(message, error);
    console.error(`[harness] ${message}`, error ?? '');
  };
  const core = await openCore({
    log,
    dataDir,
    policy: policy.policy,
    notices: policy.problems,
    // The harness has no OS keychain: the app's own cipher over a stand-in for Electron's safeStorage
    // (the token and the approver key are sealed as in the app).
    cipher: new SafeStorageCipher(fakeSafeStorage().storage),
    seedSample: true,
  });
  token = () => core.settings.token();
  await loadHarnessEntries(core.store, { importFile: options.importFile, docs: options.docs });

  const recorder = new HarnessRecorder();
  // The server is created after the services, which already need a way to push events to the page.
  const events: { push(event: OverlayEvent): void } = { push: () => undefined };
  const library: { isOpen(): boolean; send(event: LibraryEvent): void } = { isOpen: () => false, send: () => undefined };
  const { services, router, sync, flags, libraryRouter } = await createAppServices(core, {
    clipboard: recorder.clipboard,
    contextReader: recorder.clipboard,
    overlay: {
      hide: async () => {
        recorder.hidden();
        events.push({ type: 'hidden' });
      },
    },
    links: {
      open: async (url) => {
        recorder.openedLinks.push(url);
      },
    },
    platform: process.platform,
    env: {},
    fetch: globalThis.fetch,
    pasteStrategy: recorder.pasteStrategy,
    log,
    logFolder: {
      open: async () => {
        recorder.logFolderOpens += 1;
      },
    },
    libraryWindow: {
      open: async () => {
        recorder.libraryOpens += 1;
      },
      // A Library page is open while its event stream is (the page subscribes at start).
      isOpen: () => library.isOpen(),
      send: (event) => library.send(event),
    },
  });
  // As if saved in Settings: the app's own reaction follows (sample entries removed, live sync to that server).
  if (options.server) await core.settings.update({ serverUrl: options.server.url, token: options.server.token });
  core.settings.setHotkeyPort(recorder.hotkey); // as main/index.ts does, so a taken hotkey shows as in the app
  recorder.hotkey.apply(core.settings.effective.hotkey);
  const dispatch = router.dispatch.bind(router);
  router.dispatch = async (channel, sender, payload) => {
    const result = await dispatch(channel, sender, payload);
    if (channel === CHANNELS.insertReply && result.ok) recorder.lastInsert = result.value as InsertOutcome;
    return result;
  };
  const server = new HarnessServer({
    router,
    libraryRouter,
    rendererDir,
    harnessRoute: createHarnessRoutes({ recorder, core, services, push: (e) => server.push(e) }),
  });
  events.push = (event) => server.push(event);
  library.isOpen = () => server.libraryOpen;
  library.send = (event) => server.pushLibrary(event);
  core.settings.onChange((settings) => server.push({ type: 'settings', settings }));
  // As the app does: live sync, with each status change pushed to the page.
  startLiveSync({ services, sync, flags }, { pushStatus: (status) => server.push({ type: 'status', status }), log });
  const url = await server.listen(options.port);
  return {
    url,
    router,
    libraryRouter,
    close: async () => {
      sync.stop();
      await server.close();
      await core.close();
      await appLog.close();
    },
  };
}
