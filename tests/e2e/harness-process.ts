/**
 * Starts the browser harness (tests/harness/main.ts) for end-to-end tests: builds the renderer
 * when it is missing or older than its sources, spawns the harness with a temp data dir on a
 * free port, waits for "harness ready", and stops it (and removes the data dir) afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The renderer bundles common/ too (the Markdown function, the accelerator rule).
const RENDERER_SOURCES = [path.join(PROJECT_ROOT, 'renderer'), path.join(PROJECT_ROOT, 'common')];
const BUILT_INDEX = path.join(PROJECT_ROOT, 'out/renderer/index.html');
const READY_TIMEOUT_MS = 90_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuilds out/renderer only when a renderer source is newer than the last build. */
export function ensureRendererBuilt(): void {
  if (existsSync(BUILT_INDEX) && statSync(BUILT_INDEX).mtimeMs >= Math.max(...RENDERER_SOURCES.map(newestMtime))) return;
  const build = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`renderer build failed:\n${build.stdout}\n${build.stderr}`);
}

export interface HarnessState {
  visible: boolean;
  hides: number;
  lastInsert: { delivery: 'pasted' | 'copied'; message: string } | null;
  openedLinks?: string[];
  logFolderOpens: number;
}

export interface Harness {
  url: string;
  dataDir: string;
  get<T>(route: string): Promise<T>;
  post<T>(route: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startHarness(extraArgs: string[] = [], readyTimeoutMs = READY_TIMEOUT_MS): Promise<Harness> {
  ensureRendererBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cuecard-e2e-'));
  const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
  // Port 0: the harness binds a free port and prints the URL it got, so tests never collide.
  const child = spawn(tsx, ['tests/harness/main.ts', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let url: string;
  try {
    url = await waitForReady(child, readyTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const request = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(new URL(`harness/${route}`, url), {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`harness ${method} ${route}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  return {
    url,
    dataDir,
    get: (route) => request('GET', route),
    post: (route, body) => request('POST', route, body ?? {}),
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`harness not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /harness ready (http:\/\/\S+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Keep the harness's own diagnostics visible in the test log.
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
