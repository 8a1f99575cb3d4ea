/**
 * Runs in the sandboxed overlay before the page. Exposes named functions only — never
 * ipcRenderer itself — each an `invoke` on one contract channel (no sendSync).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENT_CHANNEL, type ChannelKey } from '../common/ipc-channels';
import type { CuecardApi, OverlayEvent } from '../common/ipc-contract';
import { LIBRARY_CHANNELS, LIBRARY_EVENT_CHANNEL, type LibraryChannelKey } from '../common/library-channels';
import type { LibraryEvent } from '../common/library-contract';

const invokers = Object.fromEntries(
  (Object.keys(CHANNELS) as ChannelKey[]).map((key) => [
    key,
    (request: unknown) => ipcRenderer.invoke(CHANNELS[key], request ?? null),
  ]),
);

const api: CuecardApi = {
  ...(invokers as Omit<CuecardApi, 'subscribe'>),
  subscribe(listener: (event: OverlayEvent) => void) {
    // Wrap so the page never receives the IpcRendererEvent (it carries `sender`).
    const forward = (_event: unknown, payload: OverlayEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('cuecard', api);

// The Library window's functions (common/library-contract.ts). Exposed to every page of ours;
// main answers them only to app://cuecard/library.html and only for a lead's or admin's token.
const library = Object.fromEntries(
  (Object.keys(LIBRARY_CHANNELS) as LibraryChannelKey[]).map((key) => [
    key,
    (request: unknown) => ipcRenderer.invoke(LIBRARY_CHANNELS[key], request ?? null),
  ]),
);
contextBridge.exposeInMainWorld('cuecardLibrary', {
  ...library,
  // Main's live refresh (main/application/library-live.ts), as the overlay's subscribe: never the IpcRendererEvent.
  subscribe(listener: (event: LibraryEvent) => void) {
    const forward = (_event: unknown, payload: LibraryEvent): void => listener(payload);
    ipcRenderer.on(LIBRARY_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(LIBRARY_EVENT_CHANNEL, forward);
    };
  },
});
