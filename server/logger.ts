/**
 * The server's log: Fastify's pino logger, JSON lines on stdout by default. Request lines carry
 * the request id, method, route, status and time (see app.ts); the Authorization header is
 * redacted wherever a request is serialised, and entry bodies are never logged.
 */
import pino, { type DestinationStream, type Level, type LevelWithSilent, type Logger } from 'pino';

export const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export type { Level, LevelWithSilent, Logger };

export function createLogger(level: LevelWithSilent = 'info', stream?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], censor: '[redacted]' },
  };
  return stream ? pino(options, stream) : pino(options);
}
