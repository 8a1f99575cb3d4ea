/**
 * `npm run bench:sync [-- --entries 100000 --clients 200 --duration-s 60 --interval-ms 200 --corpus <file>
 *                       --workers <n> --skip-full-sync]`
 *
 * 1. Full sync: a local server (child process, SQLite) holds N entries; one empty client syncs
 *    them all, end to end including the search index. → full_sync_s, entries_per_s
 * 2. Propagation: a fresh server, C live clients (SSE) spread over worker processes; a lead
 *    publishes one change every interval for the duration; each client records when the change
 *    is searchable in it. → propagation_p50_ms / p95_ms over every (client, change), and missed.
 * Entries are the gnome-help corpus (../shared/corpus) cycled to N with new ids, or synthetic
 * text when the corpus is missing (said on stderr). The last stdout line is one JSON object;
 * the goals are checked on stderr and the bench exits 1 when one is missed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PublishEntry } from '../../common/sync-protocol';
import { openSyncClient, type SyncClient as BenchClient } from '../helpers/sync-client';
import { setUpSigning, type BenchSigner } from './bench-signing';
import { reportGoals, syncGoals } from './goals';

const root = path.resolve(import.meta.dirname, '../..');
const serverMain = path.join(root, 'server/main.ts');

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '200' },
    'duration-s': { type: 'string', default: '60' },
    'interval-ms': { type: 'string', default: '200' },
    workers: { type: 'string', default: String(Math.max(2, Math.min(10, os.cpus().length - 4))) },
    corpus: { type: 'string', default: path.resolve(root, '../shared/corpus/gnome-help.ndjson') },
    'skip-full-sync': { type: 'boolean', default: false },
  },
});
const N = Number(values.entries);
const CLIENTS = Number(values.clients);
const DURATION_MS = Number(values['duration-s']) * 1000;
const INTERVAL_MS = Number(values['interval-ms']);
const WORKERS = Math.min(Number(values.workers), CLIENTS);
const log = (line: string) => process.stderr.write(`${line}\n`);
/**
 * `BENCH_CPU_PROF_DIR=<dir>` writes V8 CPU profiles there: the whole server process, and each
 * worker's live phase only (sync-bench-worker.ts reads the same variable).
 */
const profileArgs = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];

interface ServerChild {
  url: string;
  lead: string;
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

async function startServerChild(): Promise<ServerChild> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-bench-server-'));
  // An admin: its bulk approval (`approve: true`) makes each publish live at once (issue #13).
  const lead = await run(['token', 'create', '--role', 'admin', '--name', 'bench-admin'], dataDir);
  const agent = await run(['token', 'create', '--role', 'agent', '--name', 'bench-agent'], dataDir);
  const child = spawn(process.execPath, [...profileArgs, '--import', 'tsx', serverMain, '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return {
    url,
    lead,
    agent,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function loadEntries(count: number): PublishEntry[] {
  let base: Array<{ id: string; locale: string; title: string; body: string; tags?: string[] | null }> = [];
  if (fs.existsSync(values.corpus)) {
    base = fs
      .readFileSync(values.corpus, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as (typeof base)[number]);
    log(`entries: ${values.corpus} (${base.length} records) cycled to ${count}`);
  } else {
    log(`corpus ${values.corpus} is missing: using synthetic entries`);
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

async function publish(server: ServerChild, entries: PublishEntry[]): Promise<void> {
  const res = await fetch(`${server.url}/v1/entries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.lead}`, 'content-type': 'application/json' },
    body: JSON.stringify({ entries, approve: true }),
  });
  if (!res.ok) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
}

async function fullSync(): Promise<{ full_sync_s: number; entries_per_s: number; publish_s: number }> {
  const server = await startServerChild();
  try {
    const signer = await setUpSigning(server.url, server.lead); // signatures on: every client verifies every entry
    const entries = signer.sign(loadEntries(N));
    const publishStart = performance.now();
    for (let i = 0; i < entries.length; i += 1000) await publish(server, entries.slice(i, i + 1000));
    const publish_s = (performance.now() - publishStart) / 1000;
    log(`published ${N} entries in ${publish_s.toFixed(1)} s`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-bench-client-'));
    const started = performance.now();
    const client = await openSyncClient(dir, server.url, server.agent, { pageSize: 5000, orgRootKey: signer.rootKey });
    const result = await client.engine.syncNow();
    await client.search.ready;
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok) throw new Error(`full sync failed: ${result.error}`);
    const count = await client.store.count();
    const hits = client.search.search({ query: entries[N - 1]?.title ?? 'x', locale: entries[N - 1]?.locale ?? 'en' });
    await client.close();
    if (count !== N) throw new Error(`client has ${count} entries, expected ${N}`);
    if (hits.length === 0) throw new Error('the last synced entry is not searchable');
    log(`full sync of ${N} entries: ${seconds.toFixed(2)} s (${Math.round(N / seconds)} entries/s)`);
    return { full_sync_s: round2(seconds), entries_per_s: Math.round(N / seconds), publish_s: round2(publish_s) };
  } finally {
    await server.stop();
  }
}

interface WorkerHandle {
  child: ChildProcess;
  ready: Promise<void>;
  results: Promise<{ samples: Array<[number, number]>; cpuSeconds: number }>;
}

function startWorker(server: ServerChild, count: number, firstIndex: number, rootKey: string): WorkerHandle {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'sync-bench-worker.ts')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, UV_THREADPOOL_SIZE: '8' },
  });
  let readyResolve!: () => void;
  let resultsResolve!: (r: { samples: Array<[number, number]>; cpuSeconds: number }) => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const results = new Promise<{ samples: Array<[number, number]>; cpuSeconds: number }>((r) => (resultsResolve = r));
  child.on('message', (msg: { type: string; samples?: Array<[number, number]>; cpuSeconds?: number }) => {
    if (msg.type === 'ready') readyResolve();
    if (msg.type === 'results') resultsResolve({ samples: msg.samples ?? [], cpuSeconds: msg.cpuSeconds ?? NaN });
  });
  child.send({ type: 'init', url: server.url, token: server.agent, count, firstIndex, rootKey });
  return { child, ready, results };
}

async function propagation(): Promise<Record<string, number>> {
  const server = await startServerChild();
  const workers: WorkerHandle[] = [];
  try {
    const signer: BenchSigner = await setUpSigning(server.url, server.lead);
    await publish(server, signer.sign(loadEntries(500)));
    const per = Math.ceil(CLIENTS / WORKERS);
    for (let first = 0; first < CLIENTS; first += per) {
      workers.push(startWorker(server, Math.min(per, CLIENTS - first), first, signer.rootKey));
    }
    await Promise.all(workers.map((w) => w.ready));
    log(`${CLIENTS} clients live in ${workers.length} worker processes; publishing every ${INTERVAL_MS} ms for ${DURATION_MS / 1000} s`);
    const sentAt: number[] = [];
    const changes = Math.floor(DURATION_MS / INTERVAL_MS);
    const serverCpuStart = processCpuSeconds(server.process.pid);
    const t0 = Date.now();
    for (let n = 0; n < changes; n += 1) {
      const due = t0 + n * INTERVAL_MS;
      if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
      sentAt[n] = Date.now();
      await publish(server, signer.sign([
        { id: `probe-${n}`, locale: 'en', kind: 'article', title: `Probe probeword${n}`, body: `Change number ${n}.`, tags: [], urlOrPath: null },
      ]));
    }
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { latestSeq: number };
    // Each worker waits (up to 60 s) for its clients to reach the last seq: "missed" is then a
    // change that never arrived, not one that was slow.
    for (const w of workers) w.child.send({ type: 'finish', finalSeq: health.latestSeq });
    const results = await Promise.all(workers.map((w) => w.results));
    const serverCpu = processCpuSeconds(server.process.pid) - serverCpuStart;
    const clientCpu = results.reduce((sum, r) => sum + r.cpuSeconds, 0);
    const samples = results.flatMap((r) => r.samples);
    const latencies = samples.map(([n, seenAt]) => seenAt - (sentAt[n] as number)).sort((a, b) => a - b);
    const expected = changes * CLIENTS;
    const pct = (p: number) => percentile(latencies, p);
    logWindows(samples, sentAt, changes);
    return {
      clients: CLIENTS,
      changes_published: changes,
      propagation_samples: latencies.length,
      missed: expected - latencies.length,
      propagation_p50_ms: Math.round(pct(0.5)),
      propagation_p95_ms: Math.round(pct(0.95)),
      propagation_p99_ms: Math.round(pct(0.99)),
      propagation_max_ms: Math.round(latencies[latencies.length - 1] ?? NaN),
      // CPU per (client, change) during the live phase: what one pull costs each side.
      client_cpu_ms_per_pull: round2((clientCpu * 1000) / expected),
      server_cpu_ms_per_pull: round2((serverCpu * 1000) / expected),
    };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
    await server.stop();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** p50/p95 per tenth of the run on stderr: shows whether slow samples are a warm-up or spread out. */
function logWindows(samples: ReadonlyArray<[number, number]>, sentAt: readonly number[], changes: number): void {
  const windows = 10;
  const per = Math.ceil(changes / windows);
  const parts: string[] = [];
  for (let w = 0; w < windows; w += 1) {
    const inWindow = samples
      .filter(([n]) => Math.floor(n / per) === w)
      .map(([n, seenAt]) => seenAt - (sentAt[n] as number))
      .sort((a, b) => a - b);
    if (inWindow.length) parts.push(`${Math.round(percentile(inWindow, 0.5))}/${Math.round(percentile(inWindow, 0.95))}`);
  }
  log(`propagation p50/p95 ms by tenth of the run: ${parts.join(' ')}`);
}

/** user + system CPU seconds of a process (Linux /proc; NaN elsewhere). */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 14 and 15 of stat (utime, stime, in USER_HZ = 100 ticks/s on Linux) are the 12th and 13th after "pid (comm) ".
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export type { BenchClient };

const full = values['skip-full-sync'] ? { full_sync_s: NaN, entries_per_s: NaN, publish_s: NaN } : await fullSync();
const live = await propagation();
const summary = { ...full, ...live, entries: values['skip-full-sync'] ? 0 : N };
const ok = reportGoals(syncGoals(summary, values['skip-full-sync'] === true), log);
// Signed knowledge (issue #15) is on in every run: each client verifies each entry's signature.
process.stdout.write(`${JSON.stringify({ ...summary, signatures: true })}\n`);
if (!ok) process.exitCode = 1;
