/** Small helpers for talking to the knowledge server through an injected fetch. */
import { ApiErrorSchema } from '../../common/sync-protocol';
import type { Timers } from '../core/ports';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string,
  ) {
    super(describeHttpError(status, serverMessage));
  }
}

export function describeHttpError(status: number, serverMessage: string): string {
  if (status === 401) return `the server refused the token (401): ${serverMessage}`;
  if (status === 403) return `the token is not allowed to do this (403): ${serverMessage}`;
  if (status >= 500) return `server error ${status}: ${serverMessage}`;
  return `request failed with ${status}: ${serverMessage}`;
}

/** An error body is a sentence; a server that sends megabytes instead is cut off here. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The `{ error: { message } }` of an error response, or a short excerpt of whatever it was. */
export async function errorMessageOf(response: Response): Promise<string> {
  const text = await readTextLimited(response, MAX_ERROR_BODY_BYTES, 'the error answer').catch((error: unknown) =>
    error instanceof BodyTooLargeError ? `(an error answer larger than ${MAX_ERROR_BODY_BYTES} bytes)` : '',
  );
  try {
    const parsed = ApiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.error.message;
  } catch {
    // not JSON
  }
  return text.slice(0, 200).trim() || response.statusText || 'no message';
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** A body that went past the byte limit its reader set; reading stopped there. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly what: string,
    readonly limit: number,
  ) {
    super(`${what} is larger than ${formatBytes(limit)}; stopped reading it`);
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/**
 * The body as UTF-8 text, reading at most `maxBytes`: past it the stream is cancelled (which
 * closes the connection) and BodyTooLargeError thrown, so an endless or huge answer costs at
 * most `maxBytes` of memory. `Response.text()` has no limit; undici offers none either.
 */
export async function readTextLimited(response: Response, maxBytes: number, what: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(what, maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(what, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/**
 * fetch + reading the whole body as text, under one deadline and a byte limit: a server that
 * accepts the request and then stalls or trickles mid-body must not hang a pull forever, and
 * one that sends an endless body must not fill the memory.
 */
export async function fetchText(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit & { timeoutMs: number; maxBytes: number; timers: Timers; cancel?: AbortSignal },
): Promise<{ status: number; text: string; response: Response }> {
  const controller = new AbortController();
  const cancel = () => controller.abort(init.cancel?.reason ?? new Error('cancelled'));
  if (init.cancel?.aborted) cancel();
  init.cancel?.addEventListener('abort', cancel, { once: true });
  const timer = init.timers.setTimeout(
    () => controller.abort(new Error(`no complete answer from ${url} within ${init.timeoutMs} ms`)),
    init.timeoutMs,
  );
  try {
    const { timeoutMs: _timeout, maxBytes, timers: _timers, cancel: _cancel, ...request } = init;
    const response = await fetchImpl(url, { ...request, signal: controller.signal });
    if (!response.ok) throw new HttpError(response.status, await errorMessageOf(response));
    const text = await readTextLimited(response, maxBytes, `the answer from ${url}`);
    return { status: response.status, text, response };
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
    throw error;
  } finally {
    init.timers.clearTimeout(timer);
    init.cancel?.removeEventListener('abort', cancel);
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error && cause.message && !error.message.includes(cause.message) ? ` (${cause.message})` : '';
    return `${error.message}${detail}`;
  }
  return String(error);
}
