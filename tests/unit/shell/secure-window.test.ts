import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { createSecureWindow, isAppUrl } from '../../../main/shell/secure-window';

type Listener = (...args: unknown[]) => void;

function fakeWindowFactory() {
  const listeners = new Map<string, Listener[]>();
  const state: {
    options?: BrowserWindowConstructorOptions;
    openHandler?: (details: { url: string }) => { action: string };
    permissionHandler?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
    permissionCheck?: () => boolean;
  } = {};
  const webContents = {
    setWindowOpenHandler: (h: typeof state.openHandler) => (state.openHandler = h),
    on: (event: string, listener: Listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    session: {
      setPermissionRequestHandler: (h: typeof state.permissionHandler) => (state.permissionHandler = h),
      setPermissionCheckHandler: (h: typeof state.permissionCheck) => (state.permissionCheck = h),
    },
  };
  const create = (options: BrowserWindowConstructorOptions) => {
    state.options = options;
    return { webContents } as unknown as BrowserWindow;
  };
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  return { create, state, emit };
}

function navigationEvent() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

describe('createSecureWindow', () => {
  it('keeps the window options it was given', () => {
    const fake = fakeWindowFactory();
    createSecureWindow(fake.create, { preloadPath: '/app/preload/index.cjs', window: { show: false } });
    expect(fake.state.options?.show).toBe(false);
  });

  // Electron's security checklist, item by item (one failing row names the setting).
  it.each([
    ['preload', '/app/preload/index.cjs'],
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
  ] as const)('web preference %s is %s', (setting, value) => {
    const fake = fakeWindowFactory();
    createSecureWindow(fake.create, { preloadPath: '/app/preload/index.cjs', window: { show: false } });
    expect(fake.state.options?.webPreferences?.[setting]).toBe(value);
  });

  it('denies window.open', () => {
    const fake = fakeWindowFactory();
    createSecureWindow(fake.create, { preloadPath: 'p', window: {} });
    expect(fake.state.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(fake.state.openHandler?.({ url: 'app://cuecard/index.html' })).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects away from app://cuecard', () => {
    const fake = fakeWindowFactory();
    createSecureWindow(fake.create, { preloadPath: 'p', window: {} });
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = navigationEvent();
      fake.emit(event, away, 'https://evil.example/phish');
      expect(away.prevented).toBe(true);
      const file = navigationEvent();
      fake.emit(event, file, 'file:///etc/passwd');
      expect(file.prevented).toBe(true);
      const inside = navigationEvent();
      fake.emit(event, inside, 'app://cuecard/index.html#settings');
      expect(inside.prevented).toBe(false);
    }
  });

  it('refuses webviews', () => {
    const fake = fakeWindowFactory();
    createSecureWindow(fake.create, { preloadPath: 'p', window: {} });
    const event = navigationEvent();
    fake.emit('will-attach-webview', event);
    expect(event.prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const fake = fakeWindowFactory();
    createSecureWindow(fake.create, { preloadPath: 'p', window: {} });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      fake.state.permissionHandler?.({}, permission, (g) => (granted = g));
      expect(granted).toBe(false);
    }
    expect(fake.state.permissionCheck?.()).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('compares protocol and host', () => {
    expect(isAppUrl('app://cuecard/x')).toBe(true);
    expect(isAppUrl('app://other/x')).toBe(false);
    expect(isAppUrl('https://cuecard/x')).toBe(false);
  });
});
