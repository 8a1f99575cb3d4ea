/**
 * The knowledge server of `bench:sync` (a child process on SQLite, as deployed) with its tokens,
 * the entries it is filled with, and the two ways a change goes live: an admin's bulk approval
 * (`publish --approve`) or the review workflow (lead A submits, lead B approves: issue #13).
 */
import type { ApprovalSignature } from '../../common/signing/approval';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PublishEntry } from '../../common/sync-protocol';

const root = path.resolve(import.meta.dirname, '../..');
const serverMain = path.join(root, 'server/main.ts');
const log = (line: string) => process.stderr.write(`${line}\n`);
/**
 * `BENCH_CPU_PROF_DIR=<dir>` writes V8 CPU profiles there: the whole server process, and each
 * worker's live phase only (sync-bench-worker.ts reads the same variable).
 */
const profileArgs = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];

export interface ServerChild {
  url: string;
  /** An admin: its bulk approval (`approve: true`) makes a publish live at once. */
  admin: string;
  /** Two leads: A submits versions for review, B approves them (four eyes). */
  leadA: string;
  leadB: string;
  agent: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function run(args: string[], dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', serverMain, ...args, '--data-dir', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').pop() ?? '') : reject(new Error(`server ${args.join(' ')} exited ${code}`))));
  });
}

/** `dataDir`: the server's data folder (a published DB kept between runs, see `--server-dir`); a new temp folder by default. */
export async function startServerChild(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-bench-server-'))): Promise<ServerChild> {
  fs.mkdirSync(dataDir, { recursive: true });
  // Names unique per start: a kept data folder already holds the last run's tokens.
  const startId = Date.now().toString(36);
  const admin = await run(['token', 'create', '--role', 'admin', '--name', `bench-admin-${startId}`], dataDir);
  const child = spawn(process.execPath, [...profileArgs, '--import', 'tsx', serverMain, '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out: string | null = '';
    // The server logs a line per request, as deployed; only the start is read, the rest drained.
    child.stdout?.on('data', (c: Buffer) => {
      if (out === null) return;
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        out = null;
        resolve(m[1] as string);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  // The other tokens through the admin API (one CLI start each would cost seconds).
  const token = async (role: string, name: string) => {
    const res = await fetch(`${url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role, name }),
    });
    if (!res.ok) throw new Error(`token ${name}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  const [leadA, leadB, agent] = [
    await token('lead', `bench-lead-a-${startId}`),
    await token('lead', `bench-lead-b-${startId}`),
    await token('agent', `bench-agent-${startId}`),
  ];
  return {
    url,
    admin,
    leadA,
    leadB,
    agent,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The corpus cycled to `count` entries with new ids, or synthetic text when it is missing (said on stderr). */
export function loadEntries(count: number, corpus: string): PublishEntry[] {
  let base: Array<{ id: string; locale: string; title: string; body: string; tags?: string[] | null }> = [];
  if (fs.existsSync(corpus)) {
    base = fs
      .readFileSync(corpus, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as (typeof base)[number]);
    log(`entries: ${corpus} (${base.length} records) cycled to ${count}`);
  } else {
    log(`corpus ${corpus} is missing: using synthetic entries`);
    const words = 'printer network wifi password account email backup display sound keyboard mouse battery update'.split(' ');
    base = Array.from({ length: 5000 }, (_, i) => ({
      id: `synthetic/${i}`,
      locale: 'en',
      title: `${words[i % words.length]} ${words[(i * 7) % words.length]} help ${i}`,
      body: Array.from({ length: 200 }, (_, j) => words[(i + j * 3) % words.length]).join(' '),
    }));
  }
  return Array.from({ length: count }, (_, i) => {
    const r = base[i % base.length] as (typeof base)[number];
    const round = Math.floor(i / base.length);
    return {
      id: round === 0 ? r.id : `${r.id}~${round}`,
      locale: r.locale,
      kind: 'article' as const,
      title: r.title,
      body: r.body,
      tags: (r.tags ?? []).slice(0, 50),
      urlOrPath: null,
    };
  });
}

async function post(server: ServerChild, token: string, route: string, body: unknown): Promise<{ latestSeq: number }> {
  const res = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${route} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { latestSeq: number };
}

/** Live at once: the admin's bulk approval. Returns the seq of the last change. */
export async function publishLive(server: ServerChild, entries: PublishEntry[]): Promise<number> {
  return (await post(server, server.admin, '/v1/entries', { entries, approve: true })).latestSeq;
}

/** Lead A's version waits in review (agents see nothing yet). */
export async function submitForReview(server: ServerChild, entry: PublishEntry): Promise<void> {
  await post(server, server.leadA, '/v1/entries', { entries: [entry] });
}

/** Lead B approves it: it goes live. Returns its seq. */
export async function approve(server: ServerChild, id: string, locale: string, signature?: ApprovalSignature): Promise<number> {
  return (await post(server, server.leadB, `/v1/entries/${encodeURIComponent(id)}/approve`, { locale, ...(signature ? { signature } : {}) })).latestSeq;
}
