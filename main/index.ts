/**
 * The composition root: the only place that creates services and wires them together.
 * Core services are plain Node (main/core, store, search, sync, templates); Electron objects
 * reach them through the small adapters in main/shell/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  safeStorage,
  screen,
  shell,
  Tray,
} from 'electron';
import electronUpdater from 'electron-updater';
import { createAppServices } from './core/app-services';
import { openCore } from './core/open-core';
import { defaultDataDir } from './paths';
import { defaultPolicyFile, loadPolicy } from './settings/policy';
import { APP_SCHEME_PRIVILEGES, serveAppProtocol } from './shell/app-protocol';
import { ElectronClipboard } from './shell/clipboard';
import { HotkeyManager } from './shell/hotkey';
import { registerIpc } from './shell/ipc-registration';
import { OverlayWindow } from './shell/overlay-window';
import { SafeStorageCipher } from './shell/safe-storage-cipher';
import { TrayMenu } from './shell/tray';
import { startAutoUpdates } from './shell/updater';
import { describeSyncStatus } from './sync/describe-status';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (message: string, error?: unknown): void => console.error(`[cuecard] ${message}`, error ?? '');

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
  const dataDir = defaultDataDir();
  const { policy, problem: policyProblem } = await loadPolicy(defaultPolicyFile(process.platform, process.env));
  const core = await openCore({
    dataDir,
    cipher: new SafeStorageCipher(safeStorage),
    policy,
    notices: policyProblem ? [policyProblem] : [],
    seedSample: true,
  });

  serveAppProtocol(protocol, path.join(here, '../renderer'));
  const overlay = new OverlayWindow({
    createWindow: (options) => new BrowserWindow(options),
    screen,
    app,
    platform: process.platform,
    preloadPath: path.join(here, '../preload/index.cjs'),
  });

  const { services, router, sync } = await createAppServices(core, {
    clipboard: new ElectronClipboard(clipboard, ClipboardItem),
    overlay,
    links: { open: (url) => shell.openExternal(url) },
    platform: process.platform,
    env: process.env,
    fetch: globalThis.fetch,
    log,
  });
  registerIpc(ipcMain, router);

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
    quit: () => app.quit(),
  });
  const refreshTray = (): void =>
    tray.update({
      hotkey: core.settings.effective.hotkey,
      hotkeyProblem: hotkey.problem(),
      syncLabel: describeSyncStatus(sync.status(), new Date()),
    });
  refreshTray();
  core.settings.onChange((settings) => {
    refreshTray();
    overlay.send({ type: 'settings', settings });
  });
  sync.onStatus(() => {
    refreshTray();
    void services.status().then((status) => overlay.send({ type: 'status', status }));
  });
  void sync.start();

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
      .finally(() => app.quit());
  });

  if (app.isPackaged) startAutoUpdates(electronUpdater.autoUpdater, policy.updateChannel ?? 'stable', log);
  for (const notice of core.notices) notify('Cuecard', notice);
}
