/**
 * Reads `GET /v1/events` over the injected fetch's streaming body (Node has no EventSource).
 * Resolves when the server ends the stream, rejects on HTTP errors, network errors, an event
 * larger than `maxEventChars`, and silence longer than `idleTimeoutMs`.
 *
 * The idle watchdog is re-armed by complete events and comments only, never by raw bytes: the
 * server sends a comment every 15 s, so a stream that delivers no complete line for longer is
 * dead or hostile, even if it trickles a byte at a time (which would otherwise hold the
 * connection, and slowly the memory, for ever).
 */
import { createParser, type ParseError } from 'eventsource-parser';
import type { z } from 'zod';
import { PokeSchema } from '../../common/sync-protocol';
import { SYNONYMS_EVENT, SynonymsEventSchema } from '../../common/synonyms/synonym-protocol';
import { KEY_LIST_EVENT, KeyListEventSchema } from '../../common/signing/signing-protocol';
import { HttpError, errorMessageOf, messageOf } from './http';
import type { Timers } from '../core/ports';

/** The server broke the event-stream protocol (as opposed to a network failure). */
export class StreamViolation extends Error {}

export type Poke = z.infer<typeof PokeSchema>;

export interface EventStreamOptions {
  fetch: typeof fetch;
  url: string;
  token: string;
  signal: AbortSignal;
  idleTimeoutMs: number;
  /** The most characters one event (or unfinished line) may buffer; see MAX_EVENT_CHARS. */
  maxEventChars: number;
  timers: Timers;
  onOpen(): void;
  onEvent(name: string, data: string): void;
}

export async function readEventStream(options: EventStreamOptions): Promise<void> {
  const controller = new AbortController();
  const abort = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) abort();
  options.signal.addEventListener('abort', abort, { once: true });
  let idle: unknown = null;
  const arm = () => {
    if (idle !== null) options.timers.clearTimeout(idle);
    idle = options.timers.setTimeout(
      () => controller.abort(new Error(`no complete event or heartbeat from the event stream for ${options.idleTimeoutMs} ms`)),
      options.idleTimeoutMs,
    );
  };
  try {
    arm();
    const response = await options.fetch(options.url, {
      headers: { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok) throw new HttpError(response.status, await errorMessageOf(response));
    const type = response.headers.get('content-type') ?? '';
    if (!/^text\/event-stream\b/i.test(type)) {
      await response.body?.cancel().catch(() => undefined);
      throw new StreamViolation(`the event stream answered with content type "${type.slice(0, 60)}", not text/event-stream`);
    }
    if (!response.body) throw new Error('the event stream has no body');
    options.onOpen();
    let failure: Error | null = null;
    const parser = createParser({
      maxBufferSize: options.maxEventChars,
      onEvent: (event) => {
        arm();
        options.onEvent(event.event ?? 'message', event.data);
      },
      onComment: () => arm(),
      // Unknown fields and bad `retry` values are skipped (the SSE spec's rule); only the size is fatal.
      onError: (error: ParseError) => {
        if (error.type !== 'max-buffer-size-exceeded') return;
        failure ??= new StreamViolation(
          `the event stream sent an event longer than ${options.maxEventChars} characters; stopped reading it`,
        );
      },
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      if (failure) {
        await reader.cancel().catch(() => undefined);
        throw failure;
      }
    }
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
    throw error;
  } finally {
    if (idle !== null) options.timers.clearTimeout(idle);
    options.signal.removeEventListener('abort', abort);
    controller.abort();
  }
}

/**
 * One connection's life, as the engine needs it: pokes parsed and handed on, and at the end why
 * it ended and whether it was healthy. A stream that carried valid pokes was a good connection
 * (the next one may start from the shortest delay: a server restart); one that broke the
 * protocol (an oversized event, the wrong content type) never counts as healthy, so a hostile
 * server meets a growing backoff, not a reconnect a second.
 */
export async function watchPokes(
  options: Omit<EventStreamOptions, 'onEvent'> & { onPoke(poke: Poke): void; onSynonyms?(version: number): void; onKeyList?(version: number): void; log(line: string): void },
): Promise<{ failure: string; healthy: boolean }> {
  let healthy = false;
  const synonymsEvent = (data: string) => {
    const parsed = SynonymsEventSchema.safeParse(safeJson(data));
    if (!parsed.success) return options.log(`ignored a malformed ${SYNONYMS_EVENT} event`);
    options.onSynonyms?.(parsed.data.version);
  };
  const keyListEvent = (data: string) => {
    const parsed = KeyListEventSchema.safeParse(safeJson(data));
    if (!parsed.success) return options.log(`ignored a malformed ${KEY_LIST_EVENT} event`);
    options.onKeyList?.(parsed.data.version);
  };
  try {
    await readEventStream({
      ...options,
      onEvent: (name, data) => {
        if (name === SYNONYMS_EVENT) return synonymsEvent(data);
        if (name === KEY_LIST_EVENT) return keyListEvent(data);
        if (name !== 'change' && name !== 'hello') return;
        let poke: Poke;
        try {
          poke = PokeSchema.parse(JSON.parse(data));
        } catch {
          options.log(`ignored a malformed ${name} event`);
          return;
        }
        healthy = true;
        options.onPoke(poke);
      },
    });
    return { failure: 'the server closed the event stream', healthy };
  } catch (error) {
    if (error instanceof HttpError) return { failure: error.message, healthy };
    const failure = `lost the connection to the server: ${messageOf(error)}`;
    return { failure, healthy: healthy && !(error instanceof StreamViolation) };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
