/**
 * `GET /v1/events`: a Server-Sent Events stream: `hello` with the current seq, then one `change`
 * event per commit (data `{seq, epoch, page?}`, decided once for every stream by change-feed.ts),
 * a `synonyms` event `{version}` when the synonym set changed, and a `key-list` event `{version}`
 * when an admin uploaded a new signed org key list.
 */
import type { FastifyReply } from 'fastify';
import { KEY_LIST_EVENT } from '../common/signing/signing-protocol';
import type { ChangeFeed } from './change-feed';

/** The open streams, per token name, held to the caps of ServerLimits. */
export class EventStreams {
  private readonly byOwner = new Map<string, Set<() => void>>();
  private count = 0;

  constructor(private readonly caps: { perToken: number; total: number } = { perToken: Infinity, total: Infinity }) {}

  /** Why a new stream of `owner` would be refused, or null when it may open. */
  refusal(owner: string): string | null {
    if (this.count >= this.caps.total) return `the server holds its maximum of ${this.caps.total} event streams`;
    if ((this.byOwner.get(owner)?.size ?? 0) >= this.caps.perToken) {
      return `the token "${owner}" holds its maximum of ${this.caps.perToken} event streams`;
    }
    return null;
  }

  add(owner: string, close: () => void): () => void {
    let set = this.byOwner.get(owner);
    if (!set) this.byOwner.set(owner, (set = new Set()));
    set.add(close);
    this.count += 1;
    return () => {
      if (!set.delete(close)) return;
      this.count -= 1;
      if (set.size === 0) this.byOwner.delete(owner);
    };
  }

  get size(): number {
    return this.count;
  }

  sizeOf(owner: string): number {
    return this.byOwner.get(owner)?.size ?? 0;
  }

  /** Closes the streams of a revoked token. */
  closeOwner(owner: string): void {
    for (const close of [...(this.byOwner.get(owner) ?? [])]) close();
  }

  closeAll(): void {
    for (const set of [...this.byOwner.values()]) for (const close of [...set]) close();
  }
}

export interface StreamDeps {
  feed: ChangeFeed;
  streams: EventStreams;
  heartbeatMs: number;
  latestSeq: number;
  owner: string;
  /** Checked at every heartbeat: a token revoked elsewhere (the CLI, another instance) ends the stream. */
  stillAuthorised: () => Promise<boolean>;
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
  // `hello` carries the current seq so a client that missed pokes while away catches up at once.
  raw.write(`retry: 2000\nevent: hello\ndata: ${deps.feed.pokeData(deps.latestSeq)}\n\n`);
  let last = deps.latestSeq;
  const unsubscribe = deps.feed.subscribe((seq, data) => {
    if (seq <= last) return;
    last = seq;
    raw.write(`event: change\ndata: ${data}\n\n`);
  });
  const unsubscribeSynonyms = deps.feed.subscribeSynonyms((data) => raw.write(`event: synonyms\ndata: ${data}\n\n`));
  const unsubscribeKeyList = deps.feed.subscribeKeyList((data) => raw.write(`event: ${KEY_LIST_EVENT}\ndata: ${data}\n\n`));
  // Comments keep proxies from timing out and let the client notice a dead connection.
  const heartbeat = setInterval(() => {
    raw.write(': ping\n\n');
    deps.stillAuthorised().then(
      (ok) => {
        if (!ok) close();
      },
      () => undefined,
    );
  }, deps.heartbeatMs);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    unsubscribeSynonyms();
    unsubscribeKeyList();
    forget();
    // The socket was hijacked: end it too, or it lingers as keep-alive and delays shutdown.
    raw.end(() => raw.socket?.destroy());
  };
  const forget = deps.streams.add(deps.owner, close);
  raw.on('close', close);
  raw.on('error', close);
}
