/**
 * How paste strategies reach the operating system: an injected process runner and `which`, so
 * strategies are plain Node and unit tests drive them with fakes. The Node implementations below
 * are what the app uses.
 */
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

export interface ProcessResult {
  /** Exit code; null when the process was killed (for example by the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export type ProcessRunner = (command: string, args: string[], options?: { input?: string }) => Promise<ProcessResult>;

/** Resolves a command name to its full path on PATH (an absolute path to itself when it exists), or null when it is not installed. */
export type Which = (command: string) => Promise<string | null>;

const OUTPUT_LIMIT = 64 * 1024;

/**
 * Runs a process without a shell (arguments are never re-parsed), killing it after `timeoutMs`,
 * in `env` (the same environment the strategies read DISPLAY and the like from).
 */
export function createNodeProcessRunner(options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): ProcessRunner {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return (command, args, runOptions = {}) =>
    new Promise((resolve) => {
      let stdout = '';
      let stderr = '';
      const child = spawn(command, args, { shell: false, windowsHide: true, timeout: timeoutMs, env: options.env });
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdout.length < OUTPUT_LIMIT) stdout += chunk.toString('utf8');
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < OUTPUT_LIMIT) stderr += chunk.toString('utf8');
      });
      // A missing binary or a refused spawn is a failed run, not an exception: callers fall back.
      child.on('error', (error) => resolve({ code: null, stdout, stderr: stderr || error.message }));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(runOptions.input ?? '');
    });
}

/** PATH lookup (with PATHEXT on Windows) without spawning a shell. */
export function createWhich(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Which {
  const delimiter = platform === 'win32' ? ';' : ':';
  const directories = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';') : [''];
  const isAbsolute = platform === 'win32' ? path.win32.isAbsolute : path.posix.isAbsolute;
  const mode = platform === 'win32' ? fsConstants.F_OK : fsConstants.X_OK;
  return async (command) => {
    if (isAbsolute(command)) {
      return access(command, mode).then(
        () => command,
        () => null,
      );
    }
    for (const directory of directories) {
      for (const extension of extensions) {
        const candidate = path.join(directory, command + extension);
        try {
          await access(candidate, mode);
          return candidate;
        } catch {
          // not here; keep looking
        }
      }
    }
    return null;
  };
}
