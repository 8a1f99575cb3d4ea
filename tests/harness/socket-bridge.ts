/**
 * The harness's WebSocket bridge (the overlay bench's default, issue #19): each window.cuecard
 * call is one WebSocket message from the page and its answer one message back, over loopback,
 * as Electron's `ipcRenderer.invoke` is one message each way. No HTTP request per call (headers,
 * fetch machinery, a response body stream) and, unlike the DevTools-protocol bridge, nothing of
 * playwright's on the way, so the harness answers from its own event loop whoever drives the
 * page. Same checks as the HTTP bridge: loopback host and the harness's own origin only.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Page } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { bridgeScript, dispatchBridgeMessage, type BridgeRouters } from './bridge-dispatch';

export const SOCKET_PATH = '/bridge/socket';
/** Largest call a page may send (the HTTP bridge's body limit). */
const MAX_MESSAGE = 5 * 1024 * 1024;

/**
 * Answers WebSocket calls on `server` at SOCKET_PATH; `origin()` is the harness's own origin
 * (http://127.0.0.1:port), known once it listens. Returns a function that closes open sockets.
 */
export function acceptBridgeSockets(server: http.Server, origin: () => string, routers: BridgeRouters, onError: (error: unknown) => void): () => void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // A page on another origin (or a rebinding DNS name) must not drive the bridge.
    const host = origin().slice('http://'.length);
    if (req.url !== SOCKET_PATH || req.headers.host !== host || req.headers.origin !== origin()) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', onError);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return ws.close(1003, 'text messages only');
        dispatchBridgeMessage(routers, data.toString()).then(
          ({ id, answer, mainMs }) => ws.send(`{"id":${id},"mainMs":${mainMs.toFixed(3)},"answer":${JSON.stringify(answer)}}`),
          (error: unknown) => {
            onError(error);
            ws.close(1008, 'malformed call');
          },
        );
      });
    });
  });
  return () => {
    for (const ws of sockets.clients) ws.terminate();
    sockets.close();
  };
}

/** Gives `page`'s later documents window.cuecard over the WebSocket bridge (call before `page.goto`). */
export async function useSocketBridge(page: Page): Promise<void> {
  await page.addInitScript({ content: await bridgeScript(new URL('./bridge-client-message.js', import.meta.url), { TRANSPORT: 'ws', BINDING: null, ANSWER: null }) });
}
