/**
 * Loopback-only HTTP server that stands in for Electron in tests: serves the built renderer and
 * forwards `window.cuecard` calls to the real IPC router. A development tool: never bundled.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { APP_HOST, APP_PROTOCOL } from '../../common/ipc-channels';
import type { OverlayEvent } from '../../common/ipc-contract';
import type { LibraryEvent } from '../../common/library-contract';
import { CONTENT_SECURITY_POLICY } from '../../common/csp';
import { resolveAppRequest } from '../../main/shell/app-protocol';
import { bridgeScript, dispatchBridgeCall, type BridgeRouters } from './bridge-dispatch';
import { acceptBridgeSockets } from './socket-bridge';

/** The routers (the Library's are called by /library.html as window.cuecardLibrary, sender app://cuecard/library.html). */
export interface HarnessHooks extends BridgeRouters {
  rendererDir: string;
  /** Extra GET/POST routes under /harness/. Return undefined for 404. */
  harnessRoute(method: string, name: string, body: unknown): Promise<unknown>;
}

const MAX_BODY = 5 * 1024 * 1024;

export class HarnessServer {
  private readonly server: http.Server;
  private readonly streams = new Set<http.ServerResponse>();
  /** The Library pages' event streams (/bridge/library/events): main's live refresh. */
  private readonly libraryStreams = new Set<http.ServerResponse>();
  private origin = '';
  private readonly closeSockets: () => void;

  constructor(private readonly hooks: HarnessHooks) {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
    });
    this.closeSockets = acceptBridgeSockets(this.server, () => this.origin, hooks, (error) => console.error(`[harness] bridge socket: ${error instanceof Error ? error.message : String(error)}`));
  }

  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('harness did not bind');
    this.origin = `http://127.0.0.1:${address.port}`;
    return `${this.origin}/`;
  }

  push(event: OverlayEvent): void {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of this.streams) stream.write(frame);
  }

  /** A Library page is open (its event stream is). */
  get libraryOpen(): boolean {
    return this.libraryStreams.size > 0;
  }

  pushLibrary(event: LibraryEvent): void {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of this.libraryStreams) stream.write(frame);
  }

  async close(): Promise<void> {
    for (const stream of [...this.streams, ...this.libraryStreams]) stream.end();
    this.closeSockets();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another origin (or a rebinding DNS name) must not drive the bridge.
    if (req.headers.host !== this.origin.slice('http://'.length)) return send(res, 403, { error: 'wrong host' });
    if (req.headers.origin && req.headers.origin !== this.origin) return send(res, 403, { error: 'wrong origin' });
    const url = new URL(req.url ?? '/', this.origin);
    const method = req.method ?? 'GET';
    if (url.pathname === '/bridge/events') return this.openEventStream(res, this.streams);
    if (url.pathname === '/bridge/library/events') return this.openEventStream(res, this.libraryStreams);
    if (url.pathname.startsWith('/bridge/') && method === 'POST') {
      const library = url.pathname.startsWith('/bridge/library/');
      const { answer, mainMs } = await dispatchBridgeCall(this.hooks, {
        target: library ? 'library' : 'overlay',
        page: req.headers['x-harness-page'] === 'library' ? 'library' : 'overlay',
        key: url.pathname.slice(library ? '/bridge/library/'.length : '/bridge/'.length),
        payload: await readJson(req),
      });
      // Main's own time, for the overlay bench's per-keystroke breakdown (the page reads it from the response).
      return send(res, 200, answer, { 'server-timing': `main;dur=${mainMs.toFixed(3)}` });
    }
    if (url.pathname === '/harness/bridge.js') return this.sendBridge(res);
    if (url.pathname.startsWith('/harness/')) {
      const body = method === 'POST' ? await readJson(req) : undefined;
      const answer = await this.hooks.harnessRoute(method, url.pathname.slice('/harness/'.length), body);
      return answer === undefined ? send(res, 404, { error: 'no such harness route' }) : send(res, 200, answer);
    }
    return this.sendStatic(url.pathname, res);
  }

  private openEventStream(res: http.ServerResponse, streams: Set<http.ServerResponse>): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  private async sendBridge(res: http.ServerResponse): Promise<void> {
    const script = await bridgeScript(new URL('./bridge-client.js', import.meta.url));
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(script);
  }

  private async sendStatic(pathname: string, res: http.ServerResponse): Promise<void> {
    // The app:// handler's own rule: same confinement to the renderer folder, same content types.
    const target = resolveAppRequest(`${APP_PROTOCOL}://${APP_HOST}${pathname}`, this.hooks.rendererDir);
    if ('status' in target) return send(res, target.status, { error: target.reason });
    const { file, mime } = target;
    let content: Buffer;
    try {
      content = await fs.readFile(file);
    } catch {
      return send(res, 404, { error: 'not found' });
    }
    const ext = path.extname(file);
    if (ext === '.html') {
      // The bridge must exist before the app's module script runs, as the preload would.
      content = Buffer.from(content.toString('utf8').replace('<head>', '<head>\n    <script src="/harness/bridge.js"></script>'));
    }
    res.writeHead(200, {
      'content-type': mime,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(content);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? null : (JSON.parse(text) as unknown);
}
