/**
 * The app's log: a rotating file in the OS's log folder (the folder is injected; main/index.ts
 * passes Electron's app.getPath('logs')), JSON lines written with pino into rotating-file-stream:
 * `cuecard.log` is the current file; once it reaches maxFileSize it is renamed with a timestamp
 * and only the newest keepFiles rotated files are kept, across restarts too (the library keeps
 * their names in a history file beside them). Only failures and a few life-cycle lines are logged.
 *
 * Tokens and entry bodies never reach it: callers pass neither, errors are reduced to their name,
 * code, message and stack frames (a LiquidJS error's stack quotes the template, a body), and the
 * secrets the app knows (the server token) are masked in every line as a last line of defence.
 */
import pino from 'pino';
import { createStream } from 'rotating-file-stream';
import type { Logger } from '../core/ports';

export interface AppLogOptions {
  /** The folder the log files go in (created when missing). */
  folder: string;
  /** Values that must never be written, e.g. the current server token; read at each line. */
  secrets: () => readonly string[];
  /** Size at which the current file is rotated (rotating-file-stream units: `K`, `M`). */
  maxFileSize?: `${number}${'K' | 'M'}`;
  /** Rotated files kept besides the current one. */
  keepFiles?: number;
  /** The lowest level written (managed policy `logLevel`); `info` by default. */
  level?: LogLevel;
}

/** The levels IT can choose by policy (`logLevel`); failures are `error`, life-cycle lines `info`. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface AppLog {
  readonly folder: string;
  /** The Logger port every service takes. */
  readonly log: Logger;
  /** Changes the lowest level written, e.g. when a re-read policy sets another `logLevel`. */
  setLevel(level: LogLevel): void;
  /** Resolves once every line logged so far is in the file. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const CURRENT_FILE = 'cuecard.log';
const MASK = '[redacted]';
// Secrets shorter than this are not masked: they would mask ordinary words (a token is far longer).
const MIN_SECRET_LENGTH = 8;

/** `cuecard.log`, rotated to `cuecard.2026-11-29T14-20-05-123Z.1.log` (sortable, no `:` for Windows). */
function fileName(time: number | Date | null, index?: number): string {
  if (time === null) return CURRENT_FILE;
  const stamp = new Date(time).toISOString().replace(/[:.]/g, '-');
  return `cuecard.${stamp}.${index ?? 1}.log`;
}

export async function openAppLog(options: AppLogOptions): Promise<AppLog> {
  const stream = createStream(fileName as (time: number | Date, index?: number) => string, {
    path: options.folder,
    size: options.maxFileSize ?? '5M',
    maxFiles: options.keepFiles ?? 4,
    history: 'cuecard-log-history.txt',
  });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => maskSecrets(line, options.secrets()) },
    },
    stream,
  );
  const log: Logger = (message, error) => {
    if (error === undefined) logger.info(message);
    // Not pino's `err` key: its serializer would copy every property of the error object.
    else logger.error({ error: describeError(error) }, message);
  };
  return {
    folder: options.folder,
    log,
    setLevel: (level) => {
      logger.level = level;
    },
    // A write is done in order; its callback runs once everything before it is written.
    flush: () => new Promise<void>((resolve, reject) => stream.write('', (error) => (error ? reject(error) : resolve()))),
    close: () =>
      new Promise<void>((resolve) => {
        stream.once('finish', () => resolve());
        stream.end();
      }),
  };
}

/** Name, code, message and the stack's frames only: no quoted source, no attached payloads. */
function describeError(error: unknown): { type: string; code?: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: error.message,
    ...(frames ? { stack: frames } : {}),
  };
}

function maskSecrets(line: string, secrets: readonly string[]): string {
  let masked = line.replace(/(bearer\s+)[^\s"\\]+/gi, `$1${MASK}`);
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    // The line is JSON: the secret appears as JSON escapes it.
    const escaped = JSON.stringify(secret).slice(1, -1);
    masked = masked.split(escaped).join(MASK);
  }
  return masked;
}
