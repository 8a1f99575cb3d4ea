import type { CuecardApi, IpcError, IpcResult } from '../../common/ipc-contract';

declare global {
  interface Window {
    cuecard?: CuecardApi;
  }
}

const missingBridge: IpcError = {
  code: 'unavailable',
  message: 'The Cuecard bridge is not available in this window.',
};

/**
 * The one way the renderer reaches main. When the preload did not run (opened in a plain browser)
 * every call answers a visible `unavailable` error instead of throwing.
 */
export function api(): CuecardApi {
  const bridge = window.cuecard;
  if (bridge) return bridge;
  const fail = async (): Promise<IpcResult<never>> => ({ ok: false, error: missingBridge });
  return new Proxy({} as CuecardApi, {
    get: (_target, key) => (key === 'subscribe' ? () => () => undefined : fail),
  });
}

/** Turns a transport failure (rejected promise) into the same shape as an IPC error. */
export async function call<T>(request: () => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    return await request();
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

export function describeError(error: IpcError): string {
  return error.message || `Something went wrong (${error.code}).`;
}
