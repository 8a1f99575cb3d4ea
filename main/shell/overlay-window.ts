/**
 * The overlay: created once at start-up and kept hidden, so the hotkey only has to show it
 * (no page load on the critical path). Shown centred on the display under the cursor, above
 * full-screen apps; hidden on Esc or blur, handing focus back to the app the agent came from.
 */
import type { App, BrowserWindow, Screen } from 'electron';
import { APP_ENTRY_URL, EVENT_CHANNEL } from '../../common/ipc-channels';
import type { OverlayEvent } from '../../common/ipc-contract';
import type { OverlayPort } from '../core/ports';
import { createSecureWindow, type BrowserWindowFactory } from './secure-window';

export const OVERLAY_SIZE = { width: 760, height: 520 };

export interface OverlayDeps {
  createWindow: BrowserWindowFactory;
  screen: Pick<Screen, 'getCursorScreenPoint' | 'getDisplayNearestPoint'>;
  app: Pick<App, 'hide'>;
  platform: NodeJS.Platform;
  preloadPath: string;
  now?: () => number;
  /** Told first whenever the overlay is shown (hotkey, tray): the agent's context is read then (issue #18). */
  onShow?: () => void;
}

export class OverlayWindow implements OverlayPort {
  readonly window: BrowserWindow;

  constructor(private readonly deps: OverlayDeps) {
    this.window = createSecureWindow(deps.createWindow, {
      preloadPath: deps.preloadPath,
      window: {
        ...OVERLAY_SIZE,
        show: false,
        frame: false,
        resizable: false,
        movable: true,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        skipTaskbar: true,
        alwaysOnTop: true,
        transparent: false,
        backgroundColor: '#00000000',
        title: 'Cuecard',
      },
    });
    // 'screen-saver' level and all workspaces: the overlay must appear over a full-screen helpdesk.
    this.window.setAlwaysOnTop(true, 'screen-saver');
    this.window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    this.window.on('blur', () => {
      if (this.window.isVisible()) void this.hide();
    });
    // Always app://, also in development: IPC only answers pages from there.
    void this.window.loadURL(APP_ENTRY_URL);
  }

  show(): void {
    this.deps.onShow?.();
    const cursor = this.deps.screen.getCursorScreenPoint();
    const { workArea } = this.deps.screen.getDisplayNearestPoint(cursor);
    const bounds = this.window.getBounds();
    this.window.setPosition(
      Math.round(workArea.x + (workArea.width - bounds.width) / 2),
      Math.round(workArea.y + (workArea.height - bounds.height) / 3),
    );
    this.window.show();
    this.window.focus();
    this.send({ type: 'shown', at: this.deps.now?.() ?? Date.now() });
  }

  toggle(): void {
    if (this.window.isVisible() && this.window.isFocused()) void this.hide();
    else this.show();
  }

  async hide(): Promise<void> {
    if (!this.window.isVisible()) return;
    if (this.deps.platform === 'win32') {
      // Minimising first makes Windows give the foreground back to the previous window.
      this.window.minimize();
    }
    this.window.hide();
    // On macOS hiding the app (not just the window) re-activates the app the agent came from.
    if (this.deps.platform === 'darwin') this.deps.app.hide();
    this.send({ type: 'hidden' });
  }

  send(event: OverlayEvent): void {
    if (!this.window.isDestroyed()) this.window.webContents.send(EVENT_CHANNEL, event);
  }
}
