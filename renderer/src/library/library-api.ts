import type { IpcError, IpcResult } from '../../../common/ipc-contract';
import type { LibraryApi, LibraryEvent } from '../../../common/library-contract';

declare global {
  interface Window {
    cuecardLibrary?: LibraryApi;
  }
}

const missingBridge: IpcError = { code: 'unavailable', message: 'The Cuecard bridge is not available in this window.' };

/** The Library's way to main (window.cuecardLibrary); without the preload every call answers `unavailable`. */
/** The Library's message line, as panels report to it: a result, or what went wrong. */
export type ShowMessage = (message: string, tone: 'info' | 'error') => void;

export function libraryApi(): LibraryApi {
  const bridge = window.cuecardLibrary;
  if (bridge) return bridge;
  const fail = async (): Promise<IpcResult<never>> => ({ ok: false, error: missingBridge });
  return new Proxy({} as LibraryApi, { get: (_target, key) => (key === 'subscribe' ? () => () => undefined : fail) });
}

/** A rejected call (transport failure) answers like an IPC error. */
export async function ask<T>(request: () => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    return await request();
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Main's live refresh events; a bridge without them (the bench's CDP bridge) just sends none. */
export function onLibraryEvent(listener: (event: LibraryEvent) => void): () => void {
  const bridge = window.cuecardLibrary;
  return typeof bridge?.subscribe === 'function' ? bridge.subscribe(listener) : () => undefined;
}
