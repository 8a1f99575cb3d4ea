/**
 * An HTTP proxy in front of a real server that can spoil `/v1/changes` answers on demand:
 * malformed items, gaps, 500s, stalls, an emptied log. Everything else passes through.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'none' }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'not-json' }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- faults poke at arbitrary parts of a page
  | { kind: 'rewrite'; rewrite: (page: any) => unknown }
  | { kind: 'stall-headers' }
  | { kind: 'stall-body' };

export interface FaultProxy {
  url: string;
  fault: Fault;
  /** Which page requests (1-based count of /v1/changes requests) get the fault; default all. */
  onlyRequest: number | null;
  changesRequests: number;
  upstream: string;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const sockets = new Set<import('node:net').Socket>();
  const proxy: FaultProxy = {
    url: '',
    fault: { kind: 'none' },
    onlyRequest: null,
    changesRequests: 0,
    upstream,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    void handle(proxy, req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

async function handle(proxy: FaultProxy, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const isChanges = (req.url ?? '').startsWith('/v1/changes');
  let fault: Fault = { kind: 'none' };
  if (isChanges) {
    proxy.changesRequests += 1;
    if (proxy.onlyRequest === null || proxy.onlyRequest === proxy.changesRequests) fault = proxy.fault;
  }
  if (fault.kind === 'status') {
    res.writeHead(fault.status, { 'content-type': 'application/json' });
    res.end(fault.body ?? JSON.stringify({ error: { code: 'internal', message: `injected ${fault.status}` } }));
    return;
  }
  if (fault.kind === 'stall-headers') return; // never answers
  const upstream = await fetch(`${proxy.upstream}${req.url ?? ''}`, {
    method: req.method ?? 'GET',
    headers: { authorization: req.headers.authorization ?? '', accept: req.headers.accept ?? '*/*' },
  });
  const headers: Record<string, string> = {};
  upstream.headers.forEach((value, key) => {
    if (key !== 'content-length' && key !== 'content-encoding' && key !== 'transfer-encoding') headers[key] = value;
  });
  if (!isChanges || !upstream.ok || fault.kind === 'none') {
    res.writeHead(upstream.status, headers);
    res.flushHeaders();
    if (!upstream.body) return void res.end();
    const reader = upstream.body.getReader();
    res.on('close', () => void reader.cancel().catch(() => undefined));
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
    res.end();
    return;
  }
  const text = await upstream.text();
  res.writeHead(200, headers);
  switch (fault.kind) {
    case 'not-json':
      res.end(`<html>${text.slice(0, 10)}`);
      return;
    case 'rewrite':
      res.end(JSON.stringify(fault.rewrite(JSON.parse(text))));
      return;
    case 'stall-body':
      res.write(text.slice(0, Math.floor(text.length / 2)));
      return; // the rest never comes
  }
}
