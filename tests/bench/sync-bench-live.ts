/**
 * The live phase of `bench:sync`: C live clients (SSE) spread over worker processes, one change
 * going live every interval, each client recording when it is searchable. Per (client, change):
 * sent → event arrived → committed (SQL) → searchable (index), so the breakdown says where the
 * time goes. `via`: `publish` is an admin's bulk approval (live at once); `review` is issue #13's
 * path, lead A submits and lead B approves, timed from the approval request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setUpSigning, type BenchSigner } from './bench-signing';
import { approve, loadEntries, publishLive, startServerChild, submitForReview, type ServerChild } from './sync-bench-server';
import type { WorkerResults } from './sync-bench-worker';
import { addSample, mergeSamples, percentile, phaseLines, type PhaseSamples } from './phases';

const root = path.resolve(import.meta.dirname, '../..');
const log = (line: string) => process.stderr.write(`${line}\n`);

export interface LiveOptions {
  clients: number;
  workers: number;
  durationMs: number;
  intervalMs: number;
  corpus: string;
  via: 'publish' | 'review';
  /** False: clients ignore the changes events carry and pull each poke (the path before issue #19). */
  inline: boolean;
}

interface WorkerHandle {
  child: ChildProcess;
  ready: Promise<void>;
  results: Promise<WorkerResults>;
}

function startWorker(server: ServerChild, count: number, firstIndex: number, inline: boolean, rootKey: string): WorkerHandle {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'sync-bench-worker.ts')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, UV_THREADPOOL_SIZE: '8' },
  });
  let readyResolve!: () => void;
  let resultsResolve!: (r: WorkerResults) => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const results = new Promise<WorkerResults>((r) => (resultsResolve = r));
  child.on('message', (msg: { type: string } & WorkerResults) => {
    if (msg.type === 'ready') readyResolve();
    if (msg.type === 'results') resultsResolve(msg);
  });
  child.send({ type: 'init', url: server.url, token: server.agent, count, firstIndex, inline, rootKey });
  return { child, ready, results };
}

export async function propagation(o: LiveOptions): Promise<Record<string, number | string>> {
  const server = await startServerChild();
  const workers: WorkerHandle[] = [];
  try {
    // Signed knowledge (issue #15) on: every client pins the root key and verifies every entry.
    const signer: BenchSigner = await setUpSigning(server.url, server.admin);
    await publishLive(server, signer.sign(loadEntries(500, o.corpus)));
    const per = Math.ceil(o.clients / o.workers);
    for (let first = 0; first < o.clients; first += per) {
      workers.push(startWorker(server, Math.min(per, o.clients - first), first, o.inline, signer.rootKey));
    }
    await Promise.all(workers.map((w) => w.ready));
    log(
      `${o.clients} clients live in ${workers.length} worker processes (${o.inline ? 'changes applied from the events' : 'every poke pulled'}); ` +
        `a change live by ${o.via === 'publish' ? "an admin's bulk approval" : "lead B's approval of lead A's version"} every ${o.intervalMs} ms for ${o.durationMs / 1000} s`,
    );
    const sentAt: number[] = [];
    const seqOf = new Map<number, number>();
    const requestMs: number[] = [];
    const changes = Math.floor(o.durationMs / o.intervalMs);
    const serverCpuStart = processCpuSeconds(server.process.pid);
    const t0 = Date.now();
    for (let n = 0; n < changes; n += 1) {
      const due = t0 + n * o.intervalMs;
      if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
      const probe = { id: `probe-${n}`, locale: 'en', kind: 'article' as const, title: `Probe probeword${n}`, body: `Change number ${n}.`, tags: [], urlOrPath: null };
      if (o.via === 'review') await submitForReview(server, probe);
      sentAt[n] = Date.now();
      const seq = o.via === 'review' ? await approve(server, probe.id, probe.locale, signer.approval(probe)) : await publishLive(server, signer.sign([probe]));
      requestMs.push(Date.now() - (sentAt[n] as number));
      seqOf.set(seq, n);
    }
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { latestSeq: number };
    // Each worker waits (up to 60 s) for its clients to reach the last seq: "missed" is then a
    // change that never arrived, not one that was slow.
    for (const w of workers) w.child.send({ type: 'finish', finalSeq: health.latestSeq });
    const results = await Promise.all(workers.map((w) => w.results));
    const serverCpu = processCpuSeconds(server.process.pid) - serverCpuStart;
    const clientCpu = results.reduce((sum, r) => sum + r.cpuSeconds, 0);
    const samples = results.flatMap((r) => r.samples);
    const latencies = samples.map(([n, , , seenAt]) => seenAt - (sentAt[n] as number)).sort((a, b) => a - b);
    const expected = changes * o.clients;
    const pct = (p: number) => percentile(latencies, p);
    logWindows(samples, sentAt, changes);
    logBreakdown(results, sentAt, seqOf, requestMs);
    return {
      via: o.via,
      inline_changes: o.inline ? 'on' : 'off',
      clients: o.clients,
      changes_published: changes,
      propagation_samples: latencies.length,
      missed: expected - latencies.length,
      propagation_p50_ms: Math.round(pct(0.5)),
      propagation_p95_ms: Math.round(pct(0.95)),
      propagation_p99_ms: Math.round(pct(0.99)),
      propagation_max_ms: Math.round(latencies[latencies.length - 1] ?? NaN),
      // CPU per (client, change) during the live phase: what one change costs each side.
      client_cpu_ms_per_change: round2((clientCpu * 1000) / expected),
      server_cpu_ms_per_change: round2((serverCpu * 1000) / expected),
    };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
    await server.stop();
  }
}

/**
 * Where a change's time goes, per (client, change): the request that made it live, sent → its
 * event arrived at the client, event → committed (check + SQL, or the pull it caused), committed
 * → searchable (index update), plus the sync steps' own timings.
 */
function logBreakdown(results: readonly WorkerResults[], sentAt: readonly number[], seqOf: ReadonlyMap<number, number>, requestMs: readonly number[]): void {
  const phases: PhaseSamples = { 'request (go live)': [...requestMs] };
  for (const r of results) {
    const arrived = new Map<string, number>();
    for (const [seq, client, at] of r.events) {
      const n = seqOf.get(seq);
      if (n !== undefined) arrived.set(`${n}:${client}`, at);
    }
    for (const [n, client, committedAt, seenAt] of r.samples) {
      const eventAt = arrived.get(`${n}:${client}`);
      if (eventAt !== undefined) {
        addSample(phases, 'sent → event arrived', eventAt - (sentAt[n] as number));
        addSample(phases, 'event → committed', committedAt - eventAt);
      }
      addSample(phases, 'committed → searchable', seenAt - committedAt);
    }
    mergeSamples(phases, r.phases);
  }
  const order = ['request (go live)', 'sent → event arrived', 'event → committed', 'committed → searchable', 'inline-apply', 'http', 'parse', 'verify', 'apply'];
  for (const line of phaseLines('propagation per phase', phases, order)) log(line);
}

/** p50/p95 per tenth of the run on stderr: shows whether slow samples are a warm-up or spread out. */
function logWindows(samples: WorkerResults['samples'], sentAt: readonly number[], changes: number): void {
  const windows = 10;
  const per = Math.ceil(changes / windows);
  const parts: string[] = [];
  for (let w = 0; w < windows; w += 1) {
    const inWindow = samples
      .filter(([n]) => Math.floor(n / per) === w)
      .map(([n, , , seenAt]) => seenAt - (sentAt[n] as number))
      .sort((a, b) => a - b);
    if (inWindow.length) parts.push(`${Math.round(percentile(inWindow, 0.5))}/${Math.round(percentile(inWindow, 0.95))}`);
  }
  log(`propagation p50/p95 ms by tenth of the run: ${parts.join(' ')}`);
}

/**
 * user + system CPU seconds of a process (Linux /proc; NaN elsewhere); with `thread`, of that
 * thread only (the main thread's id is the pid).
 */
export function processCpuSeconds(pid: number | undefined, thread?: number): number {
  try {
    const fields = fs.readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 14 and 15 of stat (utime, stime, in USER_HZ = 100 ticks/s on Linux) are the 12th and 13th after "pid (comm) ".
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
