import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_CHANNEL } from '../../../common/ipc-channels';
import { LIBRARY_CHANNELS, LIBRARY_EVENT_CHANNEL } from '../../../common/library-channels';

const exposed = new Map<string, Record<string, unknown>>();
const invoked: Array<[string, unknown]> = [];
const listeners = new Map<string, (...args: unknown[]) => void>();

// The preload runs in Electron's sandbox; here its two Electron modules are stand-ins.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      invoked.push([channel, payload]);
      return { ok: true, value: null };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
    sendSync: () => {
      throw new Error('sendSync must never be used');
    },
  },
}));

describe('preload', () => {
  it('exposes named functions only, under window.cuecard', async () => {
    await import('../../../preload/index');
    const api = exposed.get('cuecard');
    expect([...exposed.keys()]).toEqual(['cuecard', 'cuecardLibrary']);
    expect(Object.keys(api ?? {}).sort()).toEqual([...Object.keys(CHANNELS), 'subscribe'].sort());
    for (const value of Object.values(api ?? {})) expect(typeof value).toBe('function');
    expect(JSON.stringify(Object.keys(api ?? {}))).not.toMatch(/ipcRenderer|send|invoke/);
  });

  it('exposes the Library’s functions under window.cuecardLibrary, each an invoke on its channel', async () => {
    await import('../../../preload/index');
    const library = exposed.get('cuecardLibrary') as Record<string, (r?: unknown) => Promise<unknown>>;
    expect(Object.keys(library).sort()).toEqual([...Object.keys(LIBRARY_CHANNELS), 'subscribe'].sort());
    invoked.length = 0;
    await library.queue?.();
    await library.getEntry?.({ id: 'a', locale: 'en' });
    expect(invoked).toEqual([
      [LIBRARY_CHANNELS.queue, null],
      [LIBRARY_CHANNELS.getEntry, { id: 'a', locale: 'en' }],
    ]);
    invoked.length = 0;
  });

  it('forwards the Library’s live refresh events without the IpcRendererEvent, and unsubscribes', async () => {
    await import('../../../preload/index');
    const library = exposed.get('cuecardLibrary') as { subscribe: (l: (e: unknown) => void) => () => void };
    const got: unknown[] = [];
    const unsubscribe = library.subscribe((event) => got.push(event));
    listeners.get(LIBRARY_EVENT_CHANNEL)?.({ sender: 'the IpcRendererEvent' }, { type: 'changed', ids: ['a'] });
    expect(got).toEqual([{ type: 'changed', ids: ['a'] }]);
    unsubscribe();
    expect(listeners.has(LIBRARY_EVENT_CHANNEL)).toBe(false);
  });

  it('invokes the contract channel for each function', async () => {
    await import('../../../preload/index');
    const api = exposed.get('cuecard') as Record<string, (r?: unknown) => Promise<unknown>>;
    await api.search?.({ query: 'refund' });
    await api.getStatus?.();
    expect(invoked).toEqual([
      [CHANNELS.search, { query: 'refund' }],
      [CHANNELS.getStatus, null],
    ]);
  });

  it('forwards events without the IpcRendererEvent, and unsubscribes', async () => {
    await import('../../../preload/index');
    const api = exposed.get('cuecard') as { subscribe(l: (e: unknown) => void): () => void };
    const received: unknown[][] = [];
    const unsubscribe = api.subscribe((...args) => received.push(args));
    listeners.get(EVENT_CHANNEL)?.({ sender: 'secret ipc object' }, { type: 'shown', at: 1 });
    expect(received).toEqual([[{ type: 'shown', at: 1 }]]);
    unsubscribe();
    expect(listeners.has(EVENT_CHANNEL)).toBe(false);
  });
});
