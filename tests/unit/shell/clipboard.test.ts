import { describe, expect, it } from 'vitest';
import type { clipboard as electronClipboard, ClipboardItem as ElectronClipboardItem } from 'electron';
import { ElectronClipboard } from '../../../main/shell/clipboard';

type Data = Record<string, string | Blob>;

/** Stands in for Electron 45's ClipboardItem: W3C-shaped, `getType` resolves to a Blob and rejects for a type it lacks. */
class FakeClipboardItem {
  constructor(
    readonly data: Data,
    private readonly broken: readonly string[] = [],
  ) {}

  get types(): string[] {
    return [...Object.keys(this.data), ...this.broken];
  }

  async getType(type: string): Promise<Blob> {
    const value = this.data[type];
    if (value === undefined) throw new DOMException(`The type ${type} was not found`, 'NotFoundError');
    return typeof value === 'string' ? new Blob([value], { type }) : value;
  }
}

/** Stands in for Electron's clipboard: what was written is what `read()` offers next. */
function fakeClipboard(initial: FakeClipboardItem[] = []) {
  const state = { items: initial, writes: 0, clears: 0 };
  const clipboard = {
    read: async () => state.items,
    write: async (items: FakeClipboardItem[]) => {
      state.writes += 1;
      state.items = items;
    },
    clear: () => {
      state.clears += 1;
      state.items = [];
    },
  };
  const adapter = new ElectronClipboard(
    clipboard as unknown as Pick<typeof electronClipboard, 'read' | 'write' | 'clear'>,
    FakeClipboardItem as unknown as new (data: ConstructorParameters<typeof ElectronClipboardItem>[0]) => ElectronClipboardItem,
  );
  return { adapter, state };
}

async function contents(items: FakeClipboardItem[]): Promise<Array<Record<string, number[]>>> {
  const out: Array<Record<string, number[]>> = [];
  for (const item of items) {
    const entry: Record<string, number[]> = {};
    for (const type of Object.keys(item.data)) entry[type] = [...new Uint8Array(await (await item.getType(type)).arrayBuffer())];
    out.push(entry);
  }
  return out;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00]);
const bytes = (text: string) => [...new TextEncoder().encode(text)];

describe('ElectronClipboard', () => {
  it('writes plain text and HTML together in one item, plain text alone when there is no HTML', async () => {
    const { adapter, state } = fakeClipboard();
    await adapter.write({ text: 'Hi Zoë', html: '<p>Hi Zoë</p>' });
    expect(await contents(state.items)).toEqual([{ 'text/plain': bytes('Hi Zoë'), 'text/html': bytes('<p>Hi Zoë</p>') }]);
    await adapter.write({ text: 'plain', html: null });
    expect(await contents(state.items)).toEqual([{ 'text/plain': bytes('plain') }]);
    expect(state.writes).toBe(2);
  });

  it('a snapshot put back restores every format it read, an image included, byte for byte', async () => {
    const previous = new FakeClipboardItem({
      'text/plain': 'screenshot.png',
      'text/html': '<img src="x">',
      'image/png': new Blob([PNG], { type: 'image/png' }),
    });
    const { adapter, state } = fakeClipboard([previous]);
    const snapshot = await adapter.snapshot();
    expect(snapshot.unreadable).toEqual([]);
    await adapter.write({ text: 'the reply', html: null });
    await adapter.restore(snapshot);
    expect(await contents(state.items)).toEqual([
      { 'text/plain': bytes('screenshot.png'), 'text/html': bytes('<img src="x">'), 'image/png': [...PNG] },
    ]);
  });

  it('keeps several items, and names the formats it could not read while keeping the rest', async () => {
    const { adapter, state } = fakeClipboard([
      new FakeClipboardItem({ 'text/plain': 'one' }, ['image/x-win-bitmap']),
      new FakeClipboardItem({ 'image/png': new Blob([PNG]) }),
    ]);
    const snapshot = await adapter.snapshot();
    expect(snapshot.unreadable).toEqual(['image/x-win-bitmap']);
    await adapter.write({ text: 'the reply', html: null });
    await adapter.restore(snapshot);
    expect(await contents(state.items)).toEqual([{ 'text/plain': bytes('one') }, { 'image/png': [...PNG] }]);
  });

  it('an empty clipboard is put back empty (cleared), not left holding the reply', async () => {
    const { adapter, state } = fakeClipboard([]);
    const snapshot = await adapter.snapshot();
    await adapter.write({ text: 'the reply', html: null });
    await adapter.restore(snapshot);
    expect(state.items).toEqual([]);
    expect(state.clears).toBe(1);
  });

  it('refuses a snapshot it did not take', async () => {
    const { adapter, state } = fakeClipboard([new FakeClipboardItem({ 'text/plain': 'kept' })]);
    await expect(adapter.restore({ unreadable: [] })).rejects.toThrow('not a snapshot of this clipboard');
    expect(state.writes).toBe(0);
  });
});
