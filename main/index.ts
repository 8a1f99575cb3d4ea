/**
 * The composition root: the only place that creates services and wires them together.
 * Core services are plain Node (main/core, store, search, sync, templates); Electron objects
 * reach them through the small adapters in main/shell/.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  protocol,
  safeStorage,
  screen,
  shell,
  Tray,
} from 'electron';
import electronUpdater from 'electron-updater';
import { createAppServices } from './core/app-services';
import { startLiveSync } from './core/live-sync';
import type { Logger, RegistryPort } from './core/ports';
import { openAppLog } from './log/app-log';
import { openCore } from './core/open-core';
import { defaultDataDir } from './paths';
import { loadNativeRegistry } from './settings/native-reg-registry';
import { loadManagedPolicy, policySources } from './settings/policy-sources';
import { PolicyWatcher } from './settings/policy-watcher';
import { APP_SCHEME_PRIVILEGES, serveAppProtocol } from './shell/app-protocol';
import { ElectronClipboard } from './shell/clipboard';
import { ElectronContextReader } from './shell/context-reader';
import { HotkeyManager } from './shell/hotkey';
import { registerIpc } from './shell/ipc-registration';
import { OverlayWindow } from './shell/overlay-window';
import { LibraryWindow } from './shell/library-window';
import { ImportFileDialog } from './shell/import-file-dialog';
import { SafeStorageCipher } from './shell/safe-storage-cipher';
import { TrayMenu } from './shell/tray';
import { createUpdateService } from './shell/updater';
import { updateTrayItem } from './update/update-tray';
import { describeSyncStatus } from './sync/describe-status';

const here = path.dirname(fileURLToPath(import.meta.url));
/** stderr until the log file is open (and alongside it, for `npm start`). */
const consoleLog: Logger = (message, error) => console.error(`[cuecard] ${message}`, error ?? '');
let log: Logger = consoleLog;

// Must happen before `ready`: the sandbox for every renderer, and app:// as a secure standard scheme.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start).catch((error: unknown) => {
    log('start-up failed', error);
    new Notification({ title: 'Cuecard could not start', body: String((error as Error).message ?? error) }).show();
    app.exit(1);
  });
}

async function start(): Promise<void> {
  // The only place that knows where the OS keeps logs; main/log/ receives the folder.
  let token = (): string => '';
  const appLog = await openAppLog({ folder: app.getPath('logs'), secrets: () => [token()] });
  log = (message, error) => {
    appLog.log(message, error);
    consoleLog(message, error);
  };
  log(`Cuecard ${app.getVersion()} starting`);
  const dataDir = defaultDataDir();
  const loadPolicy = await managedPolicyLoader();
  const initialPolicy = await loadPolicy();
  const { policy } = initialPolicy;
  appLog.setLevel(policy.logLevel ?? 'info');
  const core = await openCore({
    dataDir,
    cipher: new SafeStorageCipher(safeStorage),
    policy,
    notices: initialPolicy.problems,
    seedSample: true,
    log,
  });
  token = () => core.settings.token();

  serveAppProtocol(protocol, path.join(here, '../renderer'));
  const overlayWindow: { current: BrowserWindow | null } = { current: null };
  // The overlay exists before the services that read the agent's context when it opens.
  let overlayShown = (): void => undefined;
  const overlay = new OverlayWindow({
    onShow: () => overlayShown(),
    createWindow: (options) => (overlayWindow.current = new BrowserWindow(options)),
    screen,
    app,
    platform: process.platform,
    preloadPath: path.join(here, '../preload/index.cjs'),
  });

  const libraryWindow = new LibraryWindow({ createWindow: (options) => new BrowserWindow(options), preloadPath: path.join(here, '../preload/index.cjs') });
  const { services, router, sync, flags, library, libraryRouter } = await createAppServices(core, {
    clipboard: new ElectronClipboard(clipboard, ClipboardItem),
    contextReader: new ElectronContextReader(clipboard, process.platform),
    overlay,
    links: { open: (url) => shell.openExternal(url) },
    platform: process.platform,
    env: process.env,
    // Chromium's network stack: it trusts the OS certificate store (corporate CAs), which Node's
    // fetch does not, and NODE_EXTRA_CA_CERTS is off with the NODE_OPTIONS fuse (docs/deploy.md).
    fetch: (input, init) => net.fetch(input as string, init),
    log,
    logFolder: { open: () => openLogFolder(appLog.folder) },
    libraryWindow,
    importFile: new ImportFileDialog({ showOpenDialog: (window, options) => dialog.showOpenDialog(window, options), parent: () => libraryWindow.current }),
  });
  registerIpc(ipcMain, router);
  registerIpc(ipcMain, libraryRouter);
  overlayShown = () => void services.overlayShown();

  const notify = (title: string, body: string): void => new Notification({ title, body }).show();
  const hotkey = new HotkeyManager(globalShortcut, () => overlay.toggle(), (message) => notify('Cuecard hotkey', message));
  core.settings.setHotkeyPort(hotkey);
  hotkey.apply(core.settings.effective.hotkey);

  const tray = new TrayMenu(new Tray(nativeImage.createFromPath(path.join(here, '../../resources/tray.png'))), (t) => Menu.buildFromTemplate(t), {
    openSearch: () => overlay.show(),
    openSettings: () => {
      overlay.show();
      overlay.send({ type: 'open-settings' });
    },
    openLibrary: () => void services.openLibrary().catch((error: unknown) => notify('Cuecard Library', (error as Error).message)),
    restartToUpdate: () => updates.service.requestRestart(),
    openLogFolder: () => void openLogFolder(appLog.folder),
    quit: () => app.quit(),
  });
  // A form being filled lives in the overlay (it is reset each time the overlay is shown), so
  // "the overlay is visible" covers both: no restart while the agent is using Cuecard.
  const updates = createUpdateService(
    {
      updater: electronUpdater.autoUpdater,
      packaged: app.isPackaged,
      version: app.getVersion(),
      resourcesPath: process.resourcesPath,
      fetch: (input, init) => net.fetch(input as string, init),
      isBusy: () => overlayWindow.current?.isVisible() ?? false,
      log: (message) => log(message),
    },
    policy,
  );
  overlayWindow.current?.on('hide', () => updates.service.noteIdle());
  // The tray offers the Library when the server says the token is a lead's (asked again on each settings change).
  let isLead = false;
  const checkLibrary = (): void =>
    void library.requireLead().then(
      () => (isLead = true),
      () => (isLead = false),
    ).finally(refreshTray);
  const refreshTray = (): void =>
    tray.update({
      hotkey: core.settings.effective.hotkey,
      hotkeyProblem: hotkey.problem(),
      syncLabel: describeSyncStatus(sync.status(), new Date()),
      update: updateTrayItem(updates.service.state),
      library: isLead,
    });
  refreshTray();
  checkLibrary();
  updates.service.onState(refreshTray);
  let appliedHotkey = core.settings.effective.hotkey;
  core.settings.onChange((settings) => {
    // A re-read policy can change the hotkey without the agent touching Settings.
    if (settings.hotkey !== appliedHotkey) hotkey.apply((appliedHotkey = settings.hotkey));
    refreshTray();
    checkLibrary();
    overlay.send({ type: 'settings', settings });
  });
  startLiveSync({ services, sync, flags }, { pushStatus: (status) => overlay.send({ type: 'status', status }), onSyncStatus: refreshTray, log: (message, error) => log(message, error) });

  app.on('second-instance', () => overlay.show());
  app.on('window-all-closed', () => undefined); // A tray app keeps running with its overlay hidden.
  let quitting = false;
  app.on('will-quit', (event) => {
    globalShortcut.unregisterAll();
    if (quitting) return;
    // Finish the sync page in flight and save the search index before the process ends.
    quitting = true;
    event.preventDefault();
    void sync
      .stop()
      .then(() => core.close())
      .then(() => appLog.close())
      .finally(() => app.quit());
  });

  const policyWatcher = new PolicyWatcher(
    {
      load: loadPolicy,
      onPolicy: (next) => {
        appLog.setLevel(next.logLevel ?? 'info');
        core.settings.setPolicy(next);
        updates.service.configure(next);
      },
      onProblems: (problems) => problems.forEach((problem) => notify('Cuecard policy', problem)),
      setInterval: (callback, ms) => setInterval(callback, ms),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    },
    initialPolicy,
  );
  policyWatcher.start();
  app.on('before-quit', () => {
    policyWatcher.stop();
    updates.stop();
  });
  for (const notice of core.notices) notify('Cuecard', notice);
}

/** Policy sources for this OS; on Windows the registry through native-reg (loaded only there). */
async function managedPolicyLoader(): Promise<() => ReturnType<typeof loadManagedPolicy>> {
  let registry: RegistryPort | undefined;
  let registryProblem: string | null = null;
  if (process.platform === 'win32') {
    try {
      registry = await loadNativeRegistry();
    } catch (error) {
      registryProblem = `Group Policy settings could not be read (${(error as Error).message}); only the policy file applies.`;
    }
  }
  const sources = policySources({ platform: process.platform, env: process.env, user: os.userInfo().username, registry, readFile: (file) => fs.readFile(file) });
  return async () => {
    const loaded = await loadManagedPolicy(sources);
    return registryProblem ? { ...loaded, problems: [registryProblem, ...loaded.problems] } : loaded;
  };
}

/** shell.openPath answers an error message instead of throwing; the log keeps it. */
async function openLogFolder(folder: string): Promise<void> {
  const problem = await shell.openPath(folder);
  if (problem) log(`could not open the log folder ${folder}: ${problem}`);
}
