/**
 * Every error the server answers is JSON `{ error: { code, message } }` (common/sync-protocol.ts):
 * route errors, schema validation (fastify-type-provider-zod), unknown routes, malformed URLs,
 * malformed HTTP, bodies too large, PostgreSQL refusing text, requests while the server shuts
 * down, and internal errors (logged, not shown).
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Socket } from 'node:net';
import { apiError, MAX_REQUEST_BYTES, type ApiErrorCode } from '../common/sync-protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** PostgreSQL's "invalid byte sequence" / "untranslatable character": text it cannot store. */
const PG_TEXT_REFUSED = new Set(['22021', '22P05']);

export function sendError(reply: FastifyReply, status: number, code: ApiErrorCode, message: string): FastifyReply {
  return reply.status(status).type('application/json').send(apiError(code, message));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof ApiError) return sendError(reply.headers(error.headers), error.status, error.code, error.message);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext ?? 'request';
      const issues = error.validation.slice(0, 5).map((v) => `${v.instancePath.slice(1).replaceAll('/', '.') || `(${where})`}: ${v.message}`);
      const more = error.validation.length > 5 ? ` (and ${error.validation.length - 5} more)` : '';
      return sendError(reply, 400, 'bad_request', `invalid ${where}: ${issues.join('; ')}${more}`);
    }
    const fastifyError = error as Partial<FastifyError>;
    const status = fastifyError.statusCode ?? 500;
    if (status === 413) return sendError(reply, 413, 'payload_too_large', `request body is larger than ${MAX_REQUEST_BYTES} bytes`);
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', fastifyError.message ?? 'bad request');
    if (PG_TEXT_REFUSED.has(String((error as { code?: unknown }).code))) {
      return sendError(reply, 400, 'bad_request', 'the text cannot be stored: it is not well-formed UTF-8 or contains a NUL character');
    }
    request.log.error({ err: error }, 'internal error');
    return sendError(reply, 500, 'internal', 'internal server error');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'not_found', `no route ${request.method} ${pathOf(request.url)}`));
  answerWhileClosing(app);
}

/** Seconds a client is asked to wait before retrying a request refused during shutdown. */
const CLOSING_RETRY_AFTER_S = 5;

/**
 * Requests that arrive while the server shuts down (on a kept-alive connection, or before the
 * listener closes) get 503 in the API's shape with Retry-After, instead of Fastify's own body
 * (which `return503OnClosing: false` in frameworkErrorOptions turns off). The first preClose hook
 * and the first onRequest hook, so no other hook (auth, rate limits) runs for them.
 */
function answerWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.headers({ connection: 'close', 'retry-after': String(CLOSING_RETRY_AFTER_S) });
    return sendError(reply, 503, 'unavailable', `the server is shutting down; retry in ${CLOSING_RETRY_AFTER_S} s`);
  });
}

/** Fastify options for errors raised before routing (malformed URLs and HTTP) and while closing. */
export const frameworkErrorOptions = {
  return503OnClosing: false,
  frameworkErrors: (error: FastifyError, _request: unknown, reply: FastifyReply) =>
    sendError(reply, 400, 'bad_request', `malformed request: ${error.message}`),
  clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable) return;
    const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const body = JSON.stringify(apiError('bad_request', timeout ? 'the request did not arrive in time' : 'malformed HTTP request'));
    const status = timeout ? '408 Request Timeout' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  },
};

function pathOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
