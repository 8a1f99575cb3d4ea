/**
 * A knowledge-server double on 127.0.0.1 that serves a correct change log and event stream
 * until told to attack. Each attack is what a broken or hostile server could send: gaps, pages
 * that do not advance, wrong types, huge and endless bodies and events, trickling bytes,
 * silence. `attack = { kind: 'none' }` is the server fixed.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { KnowledgeEntry } from '../../../common/knowledge';

export type Attack =
  | { kind: 'none' }
  /** /v1/changes: the second item of every page is missing. */
  | { kind: 'gap' }
  /** /v1/changes: "there is more" but no items and no progress, for ever. */
  | { kind: 'no-progress' }
  /** /v1/changes: always the first page, whatever cursor was asked for. */
  | { kind: 'same-page' }
  /** /v1/changes: numbers as strings, items as an object. */
  | { kind: 'wrong-types' }
  /** /v1/changes: an HTML page with status 200. */
  | { kind: 'html' }
  /** /v1/changes: a valid page padded with whitespace to this many bytes. */
  | { kind: 'huge-page'; bytes: number }
  /** /v1/changes: a JSON body that never ends, sent as fast as the client reads. */
  | { kind: 'endless-body' }
  /** /v1/changes: one byte of a page every `everyMs`. */
  | { kind: 'slow-body'; everyMs: number }
  /** /v1/events: `data: xxx…` with no newline, as fast as the client reads. */
  | { kind: 'endless-event' }
  /** /v1/events: one byte of an unterminated line every `everyMs`. */
  | { kind: 'slow-event'; everyMs: number }
  /** /v1/events: headers, then nothing. */
  | { kind: 'silent-stream' }
  /** /v1/events: a JSON body instead of an event stream. */
  | { kind: 'stream-not-sse' };

export interface HostileServer {
  url: string;
  attack: Attack;
  /** When set, /v1/changes attacks hit only requests with `after` at or past it. */
  attackFrom: number | null;
  epoch: string;
  readonly log: ReadonlyArray<{ seq: number; entry: KnowledgeEntry }>;
  /** Requests seen per path (`/v1/changes`, `/v1/events`). */
  requests: Record<string, number>;
  /** The `limit` and `after` of every `/v1/changes` request, in order. */
  limits: number[];
  afters: number[];
  /** Bytes written by attacks that send without end, and whether the client hung up on them. */
  endless: { bytesWritten: number; closedByClient: boolean };
  publish(entries: KnowledgeEntry[]): void;
  /** A restored or replaced server: a new epoch and a new log. */
  replaceLog(epoch: string, entries: KnowledgeEntry[]): void;
  close(): Promise<void>;
}

export function testEntry(id: string, version = 1): KnowledgeEntry {
  return {
    id,
    locale: 'en',
    kind: 'article',
    title: `Title ${id}`,
    body: `Body of ${id}, version ${version}.`,
    tags: [],
    urlOrPath: null,
    version,
    updatedAt: '2026-01-01T00:00:00.000Z',
    approvedBy: 'lena-lead',
    approvedAt: '2026-01-01T00:00:00.000Z',
    reviewState: 'approved',
  };
}

export async function startHostileServer(options: { epoch?: string } = {}): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const streams = new Set<http.ServerResponse>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  const log: Array<{ seq: number; entry: KnowledgeEntry }> = [];
  const hostile: HostileServer = {
    url: '',
    attack: { kind: 'none' },
    attackFrom: null,
    epoch: options.epoch ?? 'epoch-1',
    log,
    requests: {},
    limits: [],
    afters: [],
    endless: { bytesWritten: 0, closedByClient: false },
    publish(entries) {
      for (const entry of entries) log.push({ seq: log.length + 1, entry });
      for (const stream of streams) poke(stream, 'change');
    },
    replaceLog(epoch, entries) {
      hostile.epoch = epoch;
      log.length = 0;
      hostile.publish(entries);
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const poke = (res: http.ServerResponse, name: string) =>
    res.write(`event: ${name}\ndata: ${JSON.stringify({ seq: log.length, epoch: hostile.epoch })}\n\n`);

  const page = (after: number, limit: number) => {
    const items = log.slice(after, after + limit).map(({ seq, entry }) => ({ seq, op: 'upsert', id: entry.id, locale: entry.locale, entry }));
    const nextCursor = items.length > 0 ? items[items.length - 1]!.seq : after;
    return { epoch: hostile.epoch, after, latestSeq: log.length, items, nextCursor, hasMore: nextCursor < log.length };
  };

  /** Writes `chunk` again and again, as fast as the client takes it, until the client hangs up. */
  const endless = (res: http.ServerResponse, head: string, chunk: string) => {
    hostile.endless = { bytesWritten: 0, closedByClient: false };
    res.on('close', () => (hostile.endless.closedByClient = true));
    const pump = () => {
      while (!res.destroyed) {
        hostile.endless.bytesWritten += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    res.write(head);
    pump();
  };

  const trickle = (res: http.ServerResponse, text: string, everyMs: number) => {
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return void clearInterval(timer);
      res.write(text[i % text.length]!);
      i += 1;
    }, everyMs);
    timers.add(timer);
    res.on('close', () => clearInterval(timer));
  };

  const changes = (res: http.ServerResponse, query: URLSearchParams) => {
    const after = Number(query.get('after') ?? 0);
    const limit = Number(query.get('limit') ?? 1000);
    hostile.limits.push(limit);
    hostile.afters.push(after);
    const json = { 'content-type': 'application/json' };
    const attack = hostile.attackFrom === null || after >= hostile.attackFrom ? hostile.attack : { kind: 'none' as const };
    switch (attack.kind) {
      case 'gap': {
        const p = page(after, limit);
        return void res.writeHead(200, json).end(JSON.stringify({ ...p, items: p.items.filter((_, i) => i !== 1) }));
      }
      case 'no-progress':
        return void res
          .writeHead(200, json)
          .end(JSON.stringify({ epoch: hostile.epoch, after, latestSeq: log.length, items: [], nextCursor: after, hasMore: true }));
      case 'same-page':
        return void res.writeHead(200, json).end(JSON.stringify(page(0, limit)));
      case 'wrong-types': {
        const p = page(after, limit);
        return void res.writeHead(200, json).end(JSON.stringify({ ...p, latestSeq: String(p.latestSeq), items: { ...p.items } }));
      }
      case 'html':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Log in to continue</body></html>');
      case 'huge-page': {
        const text = JSON.stringify(page(after, limit));
        return void res.writeHead(200, json).end(text + ' '.repeat(Math.max(0, attack.bytes - text.length)));
      }
      case 'endless-body':
        res.writeHead(200, json);
        return endless(res, `{"epoch":"${hostile.epoch}","items":[`, '{"seq":1,"op":"remove","id":"x","locale":"en"},'.repeat(100));
      case 'slow-body':
        res.writeHead(200, json);
        return trickle(res, JSON.stringify(page(after, limit)), attack.everyMs);
      default:
        return void res.writeHead(200, json).end(JSON.stringify(page(after, limit)));
    }
  };

  const events = (res: http.ServerResponse) => {
    const sse = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
    const attack = hostile.attack;
    switch (attack.kind) {
      case 'endless-event':
        res.writeHead(200, sse);
        return endless(res, 'event: change\ndata: ', 'x'.repeat(16 * 1024));
      case 'slow-event':
        res.writeHead(200, sse);
        return trickle(res, 'data: never ends ', attack.everyMs);
      case 'silent-stream':
        res.writeHead(200, sse);
        return void res.flushHeaders();
      case 'stream-not-sse':
        res.writeHead(200, { 'content-type': 'application/json' });
        return endless(res, '[', '0,'.repeat(1024));
      default:
        res.writeHead(200, sse);
        streams.add(res);
        res.on('close', () => streams.delete(res));
        return void poke(res, 'hello');
    }
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    hostile.requests[url.pathname] = (hostile.requests[url.pathname] ?? 0) + 1;
    if (url.pathname === '/v1/changes') return changes(res, url.searchParams);
    if (url.pathname === '/v1/events') return events(res);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"no such route"}}');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostile.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return hostile;
}
