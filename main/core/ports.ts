/**
 * The small interfaces through which core services reach Electron (or a test's fake).
 * The shell implements them with clipboard, BrowserWindow, shell.openExternal, safeStorage.
 */
import type { RenderedReply } from '../../common/ipc-contract';

/** Asynchronous like Electron 45's clipboard; plain text and optional HTML written together. */
export interface ClipboardPort {
  read(): Promise<RenderedReply>;
  write(content: RenderedReply): Promise<void>;
}

export interface OverlayPort {
  /** Hides the overlay and gives focus back to the app the agent came from. */
  hide(): Promise<void>;
}

export interface ExternalLinkPort {
  open(url: string): Promise<void>;
}
