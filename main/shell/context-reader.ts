/**
 * What the agent had copied or selected when the overlay opened (issue #18), read through
 * Electron's clipboard only while the "Fill fields from what I copied or selected" setting is on
 * (main/application/overlay-context.ts decides; it also strips controls and caps the size).
 *
 * Per OS (docs/context-prefill.md):
 * - Linux (X11, and XWayland apps under Wayland): the PRIMARY selection — the text highlighted
 *   last, in any app, without copying — via Electron 45's `clipboard.selection.readText()`
 *   (`clipboard.selection` exists on Linux only); plus the clipboard.
 * - Windows and macOS: no API lets an app read another app's selection without accessibility
 *   permissions and native code (UI Automation's TextPattern, macOS AXSelectedText), and pressing
 *   Ctrl+C/Cmd+C on the agent's behalf would overwrite their clipboard and can trigger other
 *   apps' shortcuts, so Cuecard does neither: only the clipboard is read; the agent copies first.
 */
import type { Clipboard } from 'electron';
import type { ContextReaderPort } from '../core/ports';

export class ElectronContextReader implements ContextReaderPort {
  constructor(
    private readonly clipboard: Pick<Clipboard, 'readText'> & { readonly selection?: Pick<Clipboard, 'readText'> },
    private readonly platform: NodeJS.Platform,
  ) {}

  async clipboardText(): Promise<string> {
    return this.clipboard.readText();
  }

  async selectionText(): Promise<string | null> {
    const selection = this.platform === 'linux' ? this.clipboard.selection : undefined;
    return selection ? selection.readText() : null;
  }
}
