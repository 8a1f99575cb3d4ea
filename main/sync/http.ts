/** Small helpers for talking to the knowledge server through an injected fetch. */
import { ApiErrorSchema } from '../../common/sync-protocol';
import type { Timers } from './timers';

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

/** The `{ error: { message } }` of an error response, or a short excerpt of whatever it was. */
export async function errorMessageOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
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

/**
 * fetch + reading the whole body as text, under one deadline: a server that accepts the
 * request and then stalls mid-body must not hang a pull forever.
 */
export async function fetchText(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit & { timeoutMs: number; timers: Timers; cancel?: AbortSignal },
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
    const { timeoutMs: _timeout, timers: _timers, cancel: _cancel, ...request } = init;
    const response = await fetchImpl(url, { ...request, signal: controller.signal });
    if (!response.ok) throw new HttpError(response.status, await errorMessageOf(response));
    const text = await response.text();
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
