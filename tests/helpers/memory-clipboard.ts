/**
 * A clipboard in memory, standing in for Electron's in tests and the harness; with a selection
 * (X11's PRIMARY) beside it, as the context a `{% prefill %}` field reads when the overlay opens.
 */
import type { RenderedReply } from '../../common/ipc-contract';
import type { ClipboardPort, ClipboardSnapshot, ContextReaderPort } from '../../main/core/ports';

interface MemorySnapshot extends ClipboardSnapshot {
  content: RenderedReply;
}

export class MemoryClipboard implements ClipboardPort, ContextReaderPort {
  /** The selected text, or null as on Windows and macOS, where no app can read it. */
  selection: string | null = null;

  constructor(public content: RenderedReply = { text: '', html: null }) {}

  async clipboardText(): Promise<string> {
    return this.content.text;
  }

  async selectionText(): Promise<string | null> {
    return this.selection;
  }

  async write(content: RenderedReply): Promise<void> {
    this.content = { ...content };
  }

  async snapshot(): Promise<ClipboardSnapshot> {
    const snapshot: MemorySnapshot = { unreadable: [], content: { ...this.content } };
    return snapshot;
  }

  async restore(snapshot: ClipboardSnapshot): Promise<void> {
    this.content = { ...(snapshot as MemorySnapshot).content };
  }
}
