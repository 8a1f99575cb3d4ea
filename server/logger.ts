/**
 * The server's log: Fastify's pino logger, JSON lines on stdout by default. Request lines carry
 * the request id, method, route, status and time (see app.ts); the Authorization header is
 * redacted wherever a request is serialised, and entry bodies are never logged.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

export const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export type { LevelWithSilent, Logger };

export function createLogger(level: LevelWithSilent = 'info', stream?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], censor: '[redacted]' },
  };
  return stream ? pino(options, stream) : pino(options);
}

/**
 * One line per request, when it completes: pino's reqId, method, route, status, time and the
 * caller's token name. Never the token (nor the Authorization header) and never a body. Replaces
 * Fastify's default pair of "incoming request" / "request completed" lines.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      caller: request.caller?.name,
    };
    if (error) request.log.error({ ...line, err: error }, 'request failed');
    else request.log.info(line, 'request');
  }
}
