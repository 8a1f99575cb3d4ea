/**
 * Reads `GET /v1/events` over the injected fetch's streaming body (Node has no EventSource).
 * Resolves when the server ends the stream, rejects on HTTP errors, network errors and
 * silence longer than `idleTimeoutMs` (the server sends a comment every 15 s, so silence means
 * a dead connection that TCP has not noticed).
 */
import { createParser } from 'eventsource-parser';
import { HttpError, errorMessageOf } from './http';
import type { Timers } from './timers';

export interface EventStreamOptions {
  fetch: typeof fetch;
  url: string;
  token: string;
  signal: AbortSignal;
  idleTimeoutMs: number;
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
      () => controller.abort(new Error(`no data from the event stream for ${options.idleTimeoutMs} ms`)),
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
    if (!response.body) throw new Error('the event stream has no body');
    options.onOpen();
    const parser = createParser({ onEvent: (event) => options.onEvent(event.event ?? 'message', event.data) });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      arm();
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
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
