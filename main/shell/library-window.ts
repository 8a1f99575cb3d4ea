/**
 * The Library window (issue #14): an ordinary, resizable window from the same hardened factory as
 * the overlay (secure-window.ts: isolation, sandbox, no navigation away from app://, no popups, no
 * permissions), loading app://cuecard/library.html. Made when first opened; closing it destroys it
 * (unsaved edits are already kept in main, see main/application/library-drafts.ts).
 */
import type { BrowserWindow } from 'electron';
import { LIBRARY_ENTRY_URL, LIBRARY_EVENT_CHANNEL } from '../../common/library-channels';
import type { LibraryEvent } from '../../common/library-contract';
import type { LibraryWindowPort } from '../core/ports';
import { createSecureWindow, type BrowserWindowFactory } from './secure-window';

export const LIBRARY_SIZE = { width: 1200, height: 800, minWidth: 480, minHeight: 360 };

export class LibraryWindow implements LibraryWindowPort {
  private window: BrowserWindow | null = null;

  constructor(private readonly deps: { createWindow: BrowserWindowFactory; preloadPath: string }) {}

  isOpen(): boolean {
    return this.window !== null && !this.window.isDestroyed();
  }

  send(event: LibraryEvent): void {
    if (this.window && !this.window.isDestroyed()) this.window.webContents.send(LIBRARY_EVENT_CHANNEL, event);
  }

  /** The window the import dialog belongs to. */
  get current(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  async open(): Promise<void> {
    if (this.window && !this.window.isDestroyed()) {
      if (this.window.isMinimized()) this.window.restore();
      this.window.show();
      this.window.focus();
      return;
    }
    const window = createSecureWindow(this.deps.createWindow, {
      preloadPath: this.deps.preloadPath,
      window: { ...LIBRARY_SIZE, show: false, title: 'Cuecard Library', backgroundColor: '#00000000', autoHideMenuBar: true },
    });
    this.window = window;
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    await window.loadURL(LIBRARY_ENTRY_URL);
  }
}
