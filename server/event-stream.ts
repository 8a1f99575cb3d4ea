/** `GET /v1/events`: a Server-Sent Events stream of pokes (`event: change`, data `{seq, epoch}`). */
import type { FastifyReply } from 'fastify';
import type { PokeHub } from './pokes';

export class EventStreams {
  private readonly open = new Set<() => void>();

  add(close: () => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  get size(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const close of [...this.open]) close();
  }
}

export interface StreamDeps {
  pokes: PokeHub;
  streams: EventStreams;
  heartbeatMs: number;
  epoch: string;
  latestSeq: number;
}

export function openEventStream(reply: FastifyReply, deps: StreamDeps): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.socket?.setNoDelay(true);
  const event = (name: string, seq: number) =>
    raw.write(`event: ${name}\ndata: ${JSON.stringify({ seq, epoch: deps.epoch })}\n\n`);
  // `hello` carries the current seq so a client that missed pokes while away catches up at once.
  raw.write('retry: 2000\n');
  event('hello', deps.latestSeq);
  let last = deps.latestSeq;
  const unsubscribe = deps.pokes.subscribe((seq) => {
    if (seq <= last) return;
    last = seq;
    event('change', seq);
  });
  // Comments keep proxies from timing out and let the client notice a dead connection.
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), deps.heartbeatMs);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    forget();
    // The socket was hijacked: end it too, or it lingers as keep-alive and delays shutdown.
    raw.end(() => raw.socket?.destroy());
  };
  const forget = deps.streams.add(close);
  raw.on('close', close);
  raw.on('error', close);
}
