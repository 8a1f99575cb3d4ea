import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { OverlayWindow } from '../../../main/shell/overlay-window';
import { trayMenuTemplate } from '../../../main/shell/tray';

function fakeElectron(platform: NodeJS.Platform = 'linux') {
  const calls: string[] = [];
  const sent: unknown[] = [];
  const listeners = new Map<string, () => void>();
  let visible = false;
  let options: BrowserWindowConstructorOptions | undefined;
  let position: [number, number] = [0, 0];
  const window = {
    webContents: {
      setWindowOpenHandler: () => undefined,
      on: () => undefined,
      session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
      send: (_channel: string, event: unknown) => sent.push(event),
    },
    setAlwaysOnTop: (flag: boolean, level: string) => calls.push(`alwaysOnTop:${flag}:${level}`),
    setVisibleOnAllWorkspaces: (_f: boolean, o: { visibleOnFullScreen: boolean }) => calls.push(`allWorkspaces:${o.visibleOnFullScreen}`),
    on: (event: string, listener: () => void) => listeners.set(event, listener),
    loadURL: async (url: string) => void calls.push(`load:${url}`),
    getBounds: () => ({ x: 0, y: 0, width: 760, height: 520 }),
    setPosition: (x: number, y: number) => void (position = [x, y]),
    show: () => {
      visible = true;
      calls.push('show');
    },
    focus: () => calls.push('focus'),
    hide: () => {
      visible = false;
      calls.push('hide');
    },
    minimize: () => calls.push('minimize'),
    isVisible: () => visible,
    isFocused: () => visible,
    isDestroyed: () => false,
  };
  const overlay = new OverlayWindow({
    createWindow: (o) => {
      options = o;
      return window as unknown as BrowserWindow;
    },
    screen: {
      getCursorScreenPoint: () => ({ x: 2500, y: 300 }),
      getDisplayNearestPoint: () => ({ workArea: { x: 1920, y: 0, width: 2560, height: 1440 } }) as never,
    },
    app: { hide: () => calls.push('app.hide') },
    platform,
    preloadPath: '/p.cjs',
    now: () => 1234,
  });
  return { overlay, calls, sent, listeners, options: () => options, position: () => position };
}

describe('OverlayWindow', () => {
  it('is created hidden at start-up, frameless, above full-screen apps, loading app://', () => {
    const fake = fakeElectron();
    expect(fake.options()).toMatchObject({ show: false, frame: false, skipTaskbar: true, alwaysOnTop: true });
    expect(fake.calls).toEqual(['alwaysOnTop:true:screen-saver', 'allWorkspaces:true', 'load:app://cuecard/index.html']);
  });

  it('shows centred on the display under the cursor, focused, and tells the page', () => {
    const fake = fakeElectron();
    fake.overlay.show();
    expect(fake.position()).toEqual([1920 + (2560 - 760) / 2, Math.round((1440 - 520) / 3)]);
    expect(fake.calls.slice(-2)).toEqual(['show', 'focus']);
    expect(fake.sent).toEqual([{ type: 'shown', at: 1234 }]);
  });

  it('hides on blur', async () => {
    const fake = fakeElectron();
    fake.overlay.show();
    fake.listeners.get('blur')?.();
    await Promise.resolve();
    expect(fake.calls).toEqual(['alwaysOnTop:true:screen-saver', 'allWorkspaces:true', 'load:app://cuecard/index.html', 'show', 'focus', 'hide']);
    expect(fake.sent.at(-1)).toEqual({ type: 'hidden' });
  });

  it('hands focus back: minimise first on Windows, hide the app on macOS', async () => {
    const windows = fakeElectron('win32');
    windows.overlay.show();
    await windows.overlay.hide();
    expect(windows.calls.slice(-2)).toEqual(['minimize', 'hide']);
    const mac = fakeElectron('darwin');
    mac.overlay.show();
    await mac.overlay.hide();
    expect(mac.calls.slice(-2)).toEqual(['hide', 'app.hide']);
  });
});

describe('tray menu', () => {
  const opened: string[] = [];
  const actions = {
    openSearch: () => undefined,
    openSettings: () => undefined,
    openLibrary: () => void opened.push('library'),
    openLogFolder: () => void opened.push('log folder'),
    quit: () => undefined,
  };

  it('offers Open search, Settings, Sync status, Open log folder and Quit', () => {
    const items = trayMenuTemplate({ hotkey: 'Ctrl+Shift+Space', hotkeyProblem: null, syncLabel: 'Online' }, actions);
    expect(items.map((i) => i.label)).toEqual([
      'Open search (Ctrl+Shift+Space)',
      'Settings…',
      undefined,
      'Sync: Online',
      'Open log folder',
      undefined,
      'Quit Cuecard',
    ]);
    const openLog = items.find((item) => item.label === 'Open log folder');
    (openLog?.click as () => void)();
    expect(opened).toEqual(['log folder']);
  });

  it('offers Library… only when the server said the token is a lead’s', () => {
    const state = { hotkey: 'Ctrl+Shift+Space', hotkeyProblem: null, syncLabel: 'Online' };
    expect(trayMenuTemplate({ ...state, library: false }, actions).map((i) => i.label)).not.toContain('Library…');
    const items = trayMenuTemplate({ ...state, library: true }, actions);
    expect(items.map((i) => i.label).slice(0, 3)).toEqual(['Open search (Ctrl+Shift+Space)', 'Library…', 'Settings…']);
    (items[1]?.click as () => void)();
    expect(opened).toContain('library');
  });

  it('shows a hotkey problem and a way to pick another', () => {
    const items = trayMenuTemplate({ hotkey: 'Alt+Space', hotkeyProblem: 'Alt+Space is already used by another app.', syncLabel: 'Offline' }, actions);
    expect(items.map((i) => i.label)).toEqual([
      'Open search (Alt+Space)',
      '⚠ Alt+Space is already used by another app.',
      'Choose another hotkey…',
      'Settings…',
      undefined,
      'Sync: Offline',
      'Open log folder',
      undefined,
      'Quit Cuecard',
    ]);
  });
});
