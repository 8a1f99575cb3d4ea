/**
 * What the harness bridges (loopback HTTP and WebSocket in harness-server.ts, DevTools protocol
 * in cdp-bridge.ts) do with a page's call: find the channel, name the sender main's IPC
 * registration would see, dispatch to the real router and time main's part; and the page-side
 * scripts they install, with the channel names filled in.
 */
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { APP_ENTRY_URL } from '../../common/ipc-channels';
import { CHANNELS } from '../../common/ipc-contract';
import { LIBRARY_CHANNELS, LIBRARY_ENTRY_URL } from '../../common/library-channels';
import type { IpcResult } from '../../common/ipc-contract';
import type { IpcRouter } from '../../main/ipc/handle';

export interface BridgeRouters {
  /** The overlay's channels (window.cuecard). */
  router: IpcRouter;
  /** The Library's channels (window.cuecardLibrary). */
  libraryRouter: IpcRouter;
}

export interface BridgeCall {
  /** Which API the page called: window.cuecard ('overlay') or window.cuecardLibrary ('library'). */
  target: 'overlay' | 'library';
  /** The page the call comes from (/library.html or the overlay). */
  page: 'overlay' | 'library';
  /** The API's function name (a key of CHANNELS or LIBRARY_CHANNELS). */
  key: string;
  payload: unknown;
}

/** One call as the message bridges (WebSocket, DevTools protocol) carry it: JSON with an id for the answer. */
const MessageCallSchema = z.object({
  id: z.number().int().positive(),
  target: z.enum(['overlay', 'library']),
  page: z.enum(['overlay', 'library']),
  key: z.string(),
  request: z.unknown(),
});

/** Parses and dispatches one message bridge call (JSON text); throws on a malformed one. */
export async function dispatchBridgeMessage(routers: BridgeRouters, text: string): Promise<{ id: number; answer: IpcResult<unknown>; mainMs: number }> {
  const call = MessageCallSchema.parse(JSON.parse(text));
  const { answer, mainMs } = await dispatchBridgeCall(routers, { target: call.target, page: call.page, key: call.key, payload: call.request });
  return { id: call.id, answer, mainMs };
}

/** Dispatches one call; `mainMs` is main's own time, for the overlay bench's per-keystroke breakdown. */
export async function dispatchBridgeCall(routers: BridgeRouters, call: BridgeCall): Promise<{ answer: IpcResult<unknown>; mainMs: number }> {
  const started = performance.now();
  let answer: IpcResult<unknown>;
  if (call.target === 'library') {
    const channel = Object.hasOwn(LIBRARY_CHANNELS, call.key) ? LIBRARY_CHANNELS[call.key as keyof typeof LIBRARY_CHANNELS] : `unknown:${call.key}`;
    // Calls from the overlay page carry the overlay's sender URL: main refuses them on library channels.
    answer = await routers.libraryRouter.dispatch(channel, call.page === 'library' ? LIBRARY_ENTRY_URL : APP_ENTRY_URL, call.payload ?? undefined);
  } else {
    const channel = Object.hasOwn(CHANNELS, call.key) ? CHANNELS[call.key as keyof typeof CHANNELS] : `unknown:${call.key}`;
    answer = await routers.router.dispatch(channel, APP_ENTRY_URL, call.payload ?? undefined);
  }
  return { answer, mainMs: performance.now() - started };
}

/** A page-side bridge script with its `__NAME__` placeholders filled in, in one scope with the
 * event stream they share (bridge-events.js), so nothing but what it defines reaches the page. */
export async function bridgeScript(file: URL, values: Record<string, unknown> = {}): Promise<string> {
  let source = await fs.readFile(file, 'utf8');
  const all: Record<string, unknown> = { ...values, CHANNEL_KEYS: Object.keys(CHANNELS), LIBRARY_CHANNEL_KEYS: Object.keys(LIBRARY_CHANNELS) };
  for (const name of Object.keys(all)) source = source.replaceAll(`__${name}__`, JSON.stringify(all[name]));
  const events = await fs.readFile(new URL('./bridge-events.js', import.meta.url), 'utf8');
  return `(function () {\n${events}\n${source}\n})();\n`;
}
