/**
 * `npm run harness -- --port <n> --data-dir <dir> [--import <file.ndjson>] [--docs <n>] [--policy <policy.json>] [--server <url> --token <token>]`
 * Starts the real core services (the app's code, real SQLite in <dir>) behind a loopback HTTP
 * bridge and serves the built renderer with a window.cuecard that forwards over it. With
 * `--server` and `--token` the settings point at that knowledge server (the overlay syncs from it)
 * and the Library is served at /library.html with window.cuecardLibrary over the same bridge.
 * Prints `harness ready http://127.0.0.1:<n>/` once it answers. Test and development tool only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS, type InsertOutcome, type OverlayEvent } from '../../common/ipc-contract';
import { createAppServices } from '../../main/core/app-services';
import { startLiveSync } from '../../main/core/live-sync';
import { openCore } from '../../main/core/open-core';
import { jsonFileSource, loadManagedPolicy } from '../../main/settings/policy-sources';
import type { Logger } from '../../main/core/ports';
import { openAppLog } from '../../main/log/app-log';
import { intFlag, parseArgs, stringFlag } from '../../common/cli/args';
import { createHarnessRoutes, HarnessRecorder } from './harness-state';
import { HarnessServer } from './harness-server';
import { loadHarnessEntries } from './load-entries';
import { SafeStorageCipher } from '../../main/shell/safe-storage-cipher';
import { fakeSafeStorage } from '../helpers/fake-safe-storage';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['port', 'data-dir', 'import', 'docs', 'renderer-dir', 'policy', 'server', 'token']);
  const port = intFlag(args, 'port', 0, 65535) ?? 0;
  const dataDir = path.resolve(stringFlag(args, 'data-dir') ?? path.join(projectRoot, '.harness-data'));
  const rendererDir = path.resolve(stringFlag(args, 'renderer-dir') ?? path.join(projectRoot, 'out/renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    if (stringFlag(args, 'renderer-dir')) throw new Error(`No built renderer in ${rendererDir}.`);
    // A fresh checkout has no build yet: make one, so `npm run harness` works right after install.
    console.error('[harness] building the renderer (out/renderer) first…');
    const build = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
      cwd: projectRoot,
      stdio: ['ignore', 2, 2], // stdout stays for the ready line
    });
    if (build.status !== 0) throw new Error('building the renderer failed; see the output above.');
  }

  // A managed policy read as the app reads its JSON policy file (the e2e test of locked settings).
  const policyFile = stringFlag(args, 'policy');
  const policy = policyFile ? await loadManagedPolicy([jsonFileSource(path.resolve(policyFile))]) : { policy: {}, problems: [] };
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
  const serverUrl = stringFlag(args, 'server');
  const serverToken = stringFlag(args, 'token');
  if ((serverUrl === undefined) !== (serverToken === undefined)) throw new Error('--server and --token go together');
  await loadHarnessEntries(core.store, { importFile: stringFlag(args, 'import'), docs: intFlag(args, 'docs', 1, 1_000_000) });

  const recorder = new HarnessRecorder();
  // The server is created after the services, which already need a way to push events to the page.
  const events: { push(event: OverlayEvent): void } = { push: () => undefined };
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
    },
  });
  // As if saved in Settings: the app's own reaction follows (sample entries removed, live sync to that server).
  if (serverUrl !== undefined && serverToken !== undefined) await core.settings.update({ serverUrl, token: serverToken });
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
  core.settings.onChange((settings) => server.push({ type: 'settings', settings }));
  // As the app does: live sync, with each status change pushed to the page.
  startLiveSync({ services, sync, flags }, { pushStatus: (status) => server.push({ type: 'status', status }), log });
  const url = await server.listen(port);
  console.log(`harness ready ${url}`);

  const stop = async (): Promise<void> => {
    sync.stop();
    await server.close();
    await core.close();
    await appLog.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`harness failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
