/**
 * Electron's clipboard behind the ClipboardPort the core services use. Electron 45's clipboard
 * is asynchronous and W3C-shaped (ClipboardItem); text and HTML are written in one atomic call
 * so rich editors get formatting and plain fields get clean text. A snapshot keeps every format
 * the clipboard offered (images, files, app formats) as read, and names those it could not read.
 */
import type { clipboard as electronClipboard, ClipboardItem as ElectronClipboardItem } from 'electron';
import type { RenderedReply } from '../../common/ipc-contract';
import type { ClipboardPort, ClipboardSnapshot } from '../core/ports';

type ItemData = ConstructorParameters<typeof ElectronClipboardItem>[0];
type ClipboardItemClass = new (items: ItemData) => ElectronClipboardItem;

class ElectronClipboardSnapshot implements ClipboardSnapshot {
  constructor(
    readonly items: ItemData[],
    readonly unreadable: readonly string[],
  ) {}
}

export class ElectronClipboard implements ClipboardPort {
  constructor(
    private readonly clipboard: Pick<typeof electronClipboard, 'read' | 'write' | 'clear'>,
    private readonly ClipboardItem: ClipboardItemClass,
  ) {}

  async write(content: RenderedReply): Promise<void> {
    const items: Record<string, string> = { 'text/plain': content.text };
    if (content.html) items['text/html'] = content.html;
    await this.clipboard.write([new this.ClipboardItem(items)]);
  }

  async snapshot(): Promise<ClipboardSnapshot> {
    const items: ItemData[] = [];
    const unreadable: string[] = [];
    for (const item of await this.clipboard.read()) {
      const data: ItemData = {};
      for (const type of item.types) {
        try {
          data[type] = await item.getType(type);
        } catch {
          unreadable.push(type);
        }
      }
      if (Object.keys(data).length > 0) items.push(data);
    }
    return new ElectronClipboardSnapshot(items, unreadable);
  }

  async restore(snapshot: ClipboardSnapshot): Promise<void> {
    if (!(snapshot instanceof ElectronClipboardSnapshot)) throw new TypeError('not a snapshot of this clipboard');
    if (snapshot.items.length === 0) {
      this.clipboard.clear(); // it was empty (or held nothing readable): leave it empty, not holding the reply
      return;
    }
    await this.clipboard.write(snapshot.items.map((data) => new this.ClipboardItem(data)));
  }
}
