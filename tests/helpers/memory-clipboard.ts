/** A clipboard in memory, standing in for Electron's in tests and the harness. */
import type { RenderedReply } from '../../common/ipc-contract';
import type { ClipboardPort, ClipboardSnapshot } from '../../main/core/ports';

interface MemorySnapshot extends ClipboardSnapshot {
  content: RenderedReply;
}

export class MemoryClipboard implements ClipboardPort {
  constructor(public content: RenderedReply = { text: '', html: null }) {}

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
