/**
 * The one place windows are made, so every window gets Electron's security checklist:
 * isolated, sandboxed, no Node, no navigation away from app://, no popups, no permissions.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { APP_HOST, APP_PROTOCOL } from '../../common/ipc-channels';

export type BrowserWindowFactory = (options: BrowserWindowConstructorOptions) => BrowserWindow;

export interface SecureWindowOptions {
  preloadPath: string;
  window: Omit<BrowserWindowConstructorOptions, 'webPreferences'>;
}

export function hardenedWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_PROTOCOL}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export function createSecureWindow(create: BrowserWindowFactory, options: SecureWindowOptions): BrowserWindow {
  const window = create({ ...options.window, webPreferences: hardenedWebPreferences(options.preloadPath) });
  lockDownContents(window.webContents);
  return window;
}

export function lockDownContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const refuseForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}
