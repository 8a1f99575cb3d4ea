/**
 * A proxy on 127.0.0.1 in front of a real server that rewrites answers on the way (an attacker on
 * the wire): `rewrite(path, json)` sees each JSON answer to a GET and returns what to send instead
 * (a string is sent as is). Pass-through when it returns undefined. `respond` may answer a path
 * itself, e.g. with a stream that never ends.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- attacks poke at arbitrary parts of an answer
export type Rewrite = (path: string, json: any) => unknown;

export interface TamperProxy {
  url: string;
  rewrite: Rewrite;
  /** Answers a request itself (a slow or endless stream) instead of asking upstream; false: pass on. */
  respond: (path: string, res: http.ServerResponse) => boolean;
  close(): Promise<void>;
}

export async function startTamperProxy(upstream: string): Promise<TamperProxy> {
  const proxy: TamperProxy = { url: '', rewrite: () => undefined, respond: () => false, close: async () => undefined };
  const server = http.createServer((req, res) => {
    if (proxy.respond(req.url ?? '', res)) return;
    void (async () => {
      const answer = await fetch(`${upstream}${req.url ?? ''}`, { headers: { authorization: req.headers.authorization ?? '', accept: 'application/json' } });
      const text = await answer.text();
      const replaced = answer.ok ? proxy.rewrite(req.url ?? '', JSON.parse(text)) : undefined;
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(replaced === undefined ? text : typeof replaced === 'string' ? replaced : JSON.stringify(replaced));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
