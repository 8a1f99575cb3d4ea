/**
 * A private X server (Xvfb) and the real X tools for the X11 paste test. Nothing here sleeps: every
 * wait is for a line a process prints, for a process to exit, or for `xdotool --sync`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { createWhich } from '../../main/paste/process-runner';

/** Debian packages the test needs; CI installs them (see the integrator's .ci/run step). */
export const X11_APT_PACKAGES = ['xvfb', 'xdotool', 'x11-utils', 'xterm', 'python3-gi', 'gir1.2-gtk-3.0'];
export const PYTHON = '/usr/bin/python3';

/** Fails, naming what is missing and how to install it, when a tool the test needs is absent. */
export async function requireX11Tools(env: NodeJS.ProcessEnv): Promise<void> {
  const which = createWhich(env, 'linux');
  const missing: string[] = [];
  for (const tool of ['Xvfb', 'xdotool', 'xprop', 'xterm', PYTHON]) if ((await which(tool)) === null) missing.push(tool);
  if (!missing.includes(PYTHON)) {
    const gtk = await finished(spawn(PYTHON, ['-c', "import gi; gi.require_version('Gtk', '3.0'); gi.require_version('GdkX11', '3.0'); from gi.repository import Gtk, GdkX11"]));
    if (gtk.code !== 0) missing.push(`python3 GTK 3 bindings (${gtk.stderr.trim().split('\n').at(-1) ?? ''})`);
  }
  if (missing.length > 0) {
    throw new Error(
      `The X11 paste test needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed.\n` +
        `Install them (Debian/Ubuntu): sudo apt-get install -y ${X11_APT_PACKAGES.join(' ')}`,
    );
  }
}

export interface Xvfb {
  display: string;
  stop(): Promise<void>;
}

/** Starts Xvfb on a display number it picks itself (`-displayfd`), so parallel runs never collide. */
export async function startXvfb(): Promise<Xvfb> {
  const child = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x800x24'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const lines = new LineReader(child, child.stdio[3] as Readable, 'Xvfb');
  const number = (await lines.next()).trim();
  if (!/^\d+$/.test(number)) throw new Error(`Xvfb reported display "${number}"`);
  return { display: `:${number}`, stop: () => stop(child) };
}

/** Reads a child's output line by line; `next()` rejects (with its stderr) if it exits first. */
export class LineReader {
  private readonly lines: string[] = [];
  private readonly waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];
  private stderr = '';
  private exited: Error | null = null;

  constructor(
    readonly child: ChildProcess,
    stream: Readable,
    private readonly name: string,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 16_384) this.stderr += chunk.toString('utf8');
    });
    createInterface({ input: stream }).on('line', (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(line);
      else this.lines.push(line);
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`${this.name} exited (${signal ?? code}) before printing what the test waits for: ${this.stderr.trim()}`);
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.exited);
    });
  }

  next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}

export function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: null, stdout, stderr: stderr || error.message }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Ends a child this test started and waits until it is gone. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await gone;
}
