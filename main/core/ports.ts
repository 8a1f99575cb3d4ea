/**
 * The small interfaces through which core services reach Electron (or a test's fake).
 * The shell implements them with clipboard, BrowserWindow, shell.openExternal, safeStorage.
 */
import type { RenderedReply } from '../../common/ipc-contract';

/** Asynchronous like Electron 45's clipboard; plain text and optional HTML written together. */
export interface ClipboardPort {
  write(content: RenderedReply): Promise<void>;
  /** Everything on the clipboard now, in every format it holds (images included), to put back later. */
  snapshot(): Promise<ClipboardSnapshot>;
  /** Puts a snapshot back: every format that was read; an empty snapshot clears the clipboard. */
  restore(snapshot: ClipboardSnapshot): Promise<void>;
}

/** What a clipboard adapter read; opaque apart from what it could not read. */
export interface ClipboardSnapshot {
  /** Formats (MIME types) that were on the clipboard but could not be read, so a restore loses them. */
  readonly unreadable: readonly string[];
}

export interface OverlayPort {
  /** Hides the overlay and gives focus back to the app the agent came from. */
  hide(): Promise<void>;
}

export interface ExternalLinkPort {
  open(url: string): Promise<void>;
}
