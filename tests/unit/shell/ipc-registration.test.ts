import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, EmptySchema } from '../../../common/ipc-contract';
import { APP_ENTRY_URL } from '../../../common/ipc-channels';
import { handle, IpcRouter } from '../../../main/ipc/handle';
import { registerIpc } from '../../../main/shell/ipc-registration';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** Stands in for ipcMain: keeps the handlers so the test can invoke them as Electron would. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: Pick<IpcMain, 'handle'> = { handle: (channel, listener) => void handlers.set(channel, listener as Listener) };
  return { ipcMain, handlers };
}

/** An invoke event as Electron builds it: the top-level page's URL and the URL of the frame that sent the call. */
function event(pageUrl: string, frameUrl: string | null): IpcMainInvokeEvent {
  return { sender: { getURL: () => pageUrl }, senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent;
}

function setup() {
  const calls: string[] = [];
  const router = new IpcRouter([
    handle('hideOverlay', EmptySchema, (_request, context) => {
      calls.push(String(context.senderUrl));
      return null;
    }, () => undefined),
  ]);
  const { ipcMain, handlers } = fakeIpcMain();
  registerIpc(ipcMain, router);
  return { calls, handlers, invoke: (e: IpcMainInvokeEvent, payload: unknown) => handlers.get(CHANNELS.hideOverlay)!(e, payload) };
}

describe('registerIpc', () => {
  it('registers an invoke handler for every channel of the router, and nothing else', () => {
    expect([...setup().handlers.keys()]).toEqual([CHANNELS.hideOverlay]);
  });

  it("passes the sending frame's URL to the router, which accepts Cuecard's own page", async () => {
    const { invoke, calls } = setup();
    expect(await invoke(event(APP_ENTRY_URL, APP_ENTRY_URL), {})).toEqual({ ok: true, value: null });
    expect(calls).toEqual([APP_ENTRY_URL]);
  });

  it("checks the frame that sent the call, not the page around it: an iframe inside Cuecard's page is refused", async () => {
    const { invoke, calls } = setup();
    const result = await invoke(event(APP_ENTRY_URL, 'https://evil.example/frame.html'), {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden_sender', message: `Calls to ${CHANNELS.hideOverlay} are only accepted from Cuecard's own pages.` },
    });
    expect(calls).toEqual([]);
  });

  it('a call from a frame that is gone (no senderFrame) is refused', async () => {
    const { invoke, calls } = setup();
    expect(await invoke(event(APP_ENTRY_URL, null), {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(calls).toEqual([]);
  });

  it('passes the payload through to validation', async () => {
    const { invoke } = setup();
    expect(await invoke(event(APP_ENTRY_URL, APP_ENTRY_URL), 'not an object')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
