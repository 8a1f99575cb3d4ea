/**
 * The X11 paste path end to end on a private Xvfb: Cuecard's real strategy choice, xdotool and
 * xprop against real windows (a GTK 3 text field, xterm). Only Electron is stood in for: a GTK
 * process owns the clipboard as the app would, and "hiding the overlay" focuses the target window
 * as the window manager would. Run with `npm run test:x11`; see X11_APT_PACKAGES for what it needs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedReply } from '../../common/ipc-contract';
import type { ClipboardPort, ClipboardSnapshot } from '../../main/core/ports';
import { choosePasteStrategy } from '../../main/paste/choose-paste-strategy';
import { manualPasteShortcut } from '../../main/paste/paste-shortcuts';
import { createNodeProcessRunner, createWhich } from '../../main/paste/process-runner';
import { ReplyDelivery } from '../../main/paste/reply-delivery';
import { finished, LineReader, PYTHON, requireX11Tools, startXvfb, stop, type Xvfb } from './x-session';
import { collectLogLines } from '../helpers/log-lines';

const HELPER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'gtk-helper.py');

/** The sample reply: 2,000 characters (code points) of non-ASCII text over many lines. */
const LINE = 'Hola Zoë — your order № 4711 to Łódź ships today 🚚; 謝謝, «merci», naïve café.\n';
const SAMPLE_REPLY = Array.from(LINE.repeat(Math.ceil(2000 / Array.from(LINE).length))).slice(0, 2000).join('');

let xvfb: Xvfb;
let env: NodeJS.ProcessEnv;
const started: ChildProcess[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  await requireX11Tools(process.env);
  xvfb = await startXvfb();
  env = { PATH: process.env.PATH, HOME: process.env.HOME, DISPLAY: xvfb.display, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', NO_AT_BRIDGE: '1', GDK_BACKEND: 'x11' };
});

afterEach(async () => {
  for (const child of started.splice(0)) await stop(child);
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

afterAll(async () => {
  await xvfb?.stop();
});

function start(command: string, args: string[], options: { stdin?: string } = {}): ChildProcess {
  const child = spawn(command, args, { env, stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  started.push(child);
  return child;
}

/** Stands in for Electron's clipboard: a GTK process owns CLIPBOARD with the text, as an X11 app does. */
class GtkClipboardOwner implements ClipboardPort {
  private owner: ChildProcess | null = null;

  async write(content: RenderedReply): Promise<void> {
    if (this.owner) await stop(this.owner);
    this.owner = start(PYTHON, [HELPER, 'hold-clipboard'], { stdin: content.text });
    expect(await new LineReader(this.owner, this.owner.stdout!, 'clipboard owner').next()).toBe('ready');
  }

  async snapshot(): Promise<ClipboardSnapshot> {
    throw new Error('not used: these tests do not restore the clipboard');
  }

  async restore(): Promise<void> {
    throw new Error('not used: these tests do not restore the clipboard');
  }
}

/** A GTK window with a focused text field; resolves with its xid and, later, what it received. */
async function gtkField(chars: number, wmClass: string) {
  const child = start(PYTHON, [HELPER, 'field', String(chars), wmClass]);
  const lines = new LineReader(child, child.stdout!, 'GTK field');
  const ready = /^ready (\d+)$/.exec(await lines.next());
  if (!ready) throw new Error('the GTK field did not report its window');
  const received = () => patiently(lines.next(), () => `the GTK field did not receive ${chars} characters`);
  return { window: ready[1]!, received: async () => Buffer.from(await received(), 'hex') };
}

/**
 * Waits for what a window receives, failing with what is known instead of hanging when a paste
 * never (fully) arrives — e.g. Ctrl+V typed into xterm sends ^V, not the reply. The bound is not a
 * speed claim: a paste lands within milliseconds, and the test fails only if it never does.
 */
function patiently<T>(promise: Promise<T>, what: () => string, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Reply delivery as the app wires it, on this display; hiding the overlay gives focus to `window`. */
function delivery(window: () => string) {
  const run = createNodeProcessRunner({ timeoutMs: 10_000, env });
  const logs: string[] = [];
  return {
    logs,
    delivery: new ReplyDelivery({
      clipboard: new GtkClipboardOwner(),
      overlay: {
        hide: async () => {
          const focus = await finished(spawn('xdotool', ['windowfocus', '--sync', window()], { env }));
          expect(focus.code).toBe(0);
        },
      },
      strategy: () => choosePasteStrategy({ platform: 'linux', env, which: createWhich(env, 'linux'), run }),
      sleep: async () => undefined, // `xdotool windowfocus --sync` returned once focus had landed
      manualShortcut: manualPasteShortcut('linux'),
      log: collectLogLines(logs),
    }),
  };
}

/** A loopback listener for the tty reader: its window id first, then every byte it received. */
async function ttyReport() {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const connection = new Promise<Socket>((resolve) => server.once('connection', resolve));
  let announce: (window: string) => void = () => undefined;
  const window = new Promise<string>((resolve) => (announce = resolve));
  let data = Buffer.alloc(0);
  const all = connection.then(
    (socket) =>
      new Promise<Buffer>((resolve, reject) => {
        let announced = false;
        socket.on('data', (chunk: Buffer) => {
          data = Buffer.concat([data, chunk]);
          const newline = data.indexOf(0x0a);
          if (!announced && newline >= 0) {
            announced = true;
            announce(/^ready (\d+)$/.exec(data.subarray(0, newline).toString('ascii'))?.[1] ?? 'unknown');
            data = data.subarray(newline + 1);
          }
        });
        socket.on('error', reject);
        socket.on('end', () => {
          resolve(data);
        });
      }),
  );
  const bytes = (expected: number) =>
    patiently(all, () => `the terminal received ${data.length} of ${expected} bytes: ${JSON.stringify(data.toString('utf8').slice(0, 200))}`);
  return { port, window: patiently(window, () => 'the reader in xterm never reported its window'), bytes };
}

describe('pasting on X11 (Xvfb, xdotool, xprop)', () => {
  it('the sample reply is 2,000 characters of non-ASCII text over several lines', () => {
    expect(Array.from(SAMPLE_REPLY)).toHaveLength(2000);
    expect(SAMPLE_REPLY.split('\n').length).toBe(26);
    expect(Array.from(SAMPLE_REPLY).filter((c) => c.codePointAt(0)! > 0x7f)).toHaveLength(26 * 13); // ë — № Ł ó ź 🚚 謝 謝 « » ï é on each line
  });

  it('pastes into a GTK text field with Ctrl+V, byte for byte', async () => {
    const field = await gtkField(2000, 'cuecard-test-field');
    const { delivery: deliver, logs } = delivery(() => field.window);
    expect(await deliver.deliver({ text: SAMPLE_REPLY, html: null }, 'paste', false)).toEqual({ delivery: 'pasted', message: 'Pasted' });
    expect((await field.received()).equals(Buffer.from(SAMPLE_REPLY, 'utf8'))).toBe(true);
    expect(logs).toEqual([]);
  });

  it('pastes into xterm with Ctrl+Shift+V, byte for byte (newlines arrive as CR, as a terminal sends Enter)', async () => {
    const expected = Buffer.from(SAMPLE_REPLY.replace(/\n/g, '\r'), 'utf8');
    // Inside xterm, a reader puts the tty in raw mode (so the line discipline changes nothing), says
    // which window it is in, then sends back exactly the bytes the terminal typed into it. xterm binds
    // Ctrl+Shift+V to the clipboard the way its users configure it.
    const reader = await ttyReport();
    start('xterm', [
      '-u8', '-xrm', 'XTerm*VT100.translations: #override Ctrl Shift <Key>V: insert-selection(CLIPBOARD)',
      '-e', PYTHON, HELPER, 'tty-reader', String(reader.port), String(expected.length),
    ]);
    const window = await reader.window;
    const { delivery: deliver, logs } = delivery(() => window);
    expect(await deliver.deliver({ text: SAMPLE_REPLY, html: null }, 'paste', false)).toEqual({ delivery: 'pasted', message: 'Pasted' });
    const received = await reader.bytes(expected.length);
    expect(received.length).toBe(expected.length);
    expect(received.equals(expected)).toBe(true);
    expect(logs).toEqual([]);
  });

  it('a window known to refuse synthetic keys gets none: copied, with why', async () => {
    const field = await gtkField(1, 'remmina');
    const { delivery: deliver } = delivery(() => field.window);
    expect(await deliver.deliver({ text: SAMPLE_REPLY, html: null }, 'paste', false)).toEqual({
      delivery: 'copied',
      message: 'Copied — press Ctrl+V. Not pasted: keys typed there go to another computer, whose clipboard does not hold the reply.',
    });
    // The first thing the field receives is the key typed now, not a paste from before it.
    expect((await finished(spawn('xdotool', ['type', 'x'], { env }))).code).toBe(0);
    expect((await field.received()).toString('utf8')).toBe('x');
  });

  it("a display that can't be opened is reported as such, not as a permission problem", async () => {
    const unreachable = { ...env, DISPLAY: ':64999' };
    const logs: string[] = [];
    const outcome = await new ReplyDelivery({
      clipboard: { write: async () => undefined, snapshot: async () => ({ unreadable: [] }), restore: async () => undefined },
      overlay: { hide: async () => undefined },
      strategy: () => choosePasteStrategy({ platform: 'linux', env: unreachable, which: createWhich(unreachable, 'linux'), run: createNodeProcessRunner({ env: unreachable }) }),
      sleep: async () => undefined,
      manualShortcut: 'Ctrl+V',
      log: collectLogLines(logs),
    }).deliver({ text: 'hi', html: null }, 'paste', false);
    expect(outcome).toEqual({ delivery: 'copied', message: "Copied — press Ctrl+V. Cuecard can't open the X display :64999." });
    expect(logs).toEqual(["paste via x11-xdotool failed: xdotool: Error: Can't open display: (null)"]);
  });
});
