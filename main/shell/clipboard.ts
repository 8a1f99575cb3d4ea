/**
 * Electron's clipboard behind the ClipboardPort the core services use. Electron 45's clipboard
 * is asynchronous and W3C-shaped (ClipboardItem); text and HTML are written in one atomic call
 * so rich editors get formatting and plain fields get clean text.
 */
import type { clipboard as electronClipboard, ClipboardItem as ElectronClipboardItem } from 'electron';
import type { RenderedReply } from '../../common/ipc-contract';
import type { ClipboardPort } from '../core/ports';

type ClipboardItemClass = new (items: Record<string, string>) => ElectronClipboardItem;

export class ElectronClipboard implements ClipboardPort {
  constructor(
    private readonly clipboard: Pick<typeof electronClipboard, 'read' | 'write'>,
    private readonly ClipboardItem: ClipboardItemClass,
  ) {}

  async read(): Promise<RenderedReply> {
    const [item] = await this.clipboard.read();
    if (!item) return { text: '', html: null };
    const text = item.types.includes('text/plain') ? await blobText(item.getType('text/plain')) : '';
    const html = item.types.includes('text/html') ? await blobText(item.getType('text/html')) : null;
    return { text, html };
  }

  async write(content: RenderedReply): Promise<void> {
    const items: Record<string, string> = { 'text/plain': content.text };
    if (content.html) items['text/html'] = content.html;
    await this.clipboard.write([new this.ClipboardItem(items)]);
  }
}

async function blobText(value: Promise<unknown>): Promise<string> {
  const data = await value;
  if (typeof data === 'string') return data;
  if (data && typeof (data as Blob).text === 'function') return (data as Blob).text();
  return '';
}
