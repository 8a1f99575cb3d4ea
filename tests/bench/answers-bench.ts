/**
 * `npm run bench:answers [-- --entries 100000 --clients 50 --duration-s 30 --corpus <file>
 *   --data-dir <dir> --questions 50000 --zipf 1 --no-cache --trace-gc --baseline <checkout> --rounds 1]`
 *
 * What it measures: the latency of `GET /v1/answers` as 50 bots see it, from sending a request
 * to having read the whole answer, on a knowledge server (a child process, SQLite) holding N
 * live entries tagged `public`. C bot clients (one bot token and one keep-alive connection each,
 * over undici's Pool: answers-load.ts) ask back to back for the duration, so the latency includes
 * waiting behind the other 49 (closed loop: p50 ≈ C / rps). The questions are a realistic mix
 * (answers-mix.ts): `--questions` distinct questions made from the gnome-help corpus's titles
 * (../shared/corpus), each in its record's language, repeated with a Zipf(`--zipf`) rate; the
 * server's ranking-cache hit ratio is printed on stderr. The last stdout line is one JSON object
 * (answers_p50_ms, answers_p95_ms, rps, requests, errors) from that mix; the goal (p95 ≤ 20 ms,
 * no errors) is checked on stderr and the bench exits 1 when it is missed.
 *
 * Stderr also gets CPU per request (server and client: ratios that survive a loaded machine),
 * the server's event-loop delay, and time per phase: the server's own (`--server-timing`: auth,
 * validation, search, bodies, serialisation) and what is left of each request's total outside
 * them (HTTP, waiting in the server's queue, the client). `--no-cache` adds a run with the
 * server's ranking cache off (`--no-ranking-cache`) and prints its figures on stderr.
 * `--baseline <checkout>` runs another checkout's server (a `git worktree` with node_modules) on
 * the same database, alternating with this one for `--rounds` rounds; its figures go to stderr.
 * `--data-dir` keeps the seeded database for the next run (seeding takes minutes; the server
 * writes to it when it starts, so give each concurrent run its own copy).
 * `BENCH_SERVER_FLAGS='--no-ranking-thread …'` adds those flags to the app servers' command
 * line (an A/B of a server option), `BENCH_SERVER_NODE_FLAGS` Node's flags to its `node`. Stderr also gets the server's RSS after the closed loop.
 * `BENCH_CPU_PROF_DIR=<dir>` writes the servers' V8 CPU profiles there; `--trace-gc` passes
 * V8's flag to the servers (their stderr is this one's).
 *
 * `--floor` adds two servers answering every question with the same captured real reply (the one
 * nearest the mean size of 200 replies): this app with `--canned-answers` (same HTTP, auth, rate
 * limits, validation, logging and hooks, no ranking or rendering) and a bare `node:http` server
 * (answers-bare-server.ts); their CPU per request and latencies (stderr) are what the closed loop
 * costs before any answer is worked out.
 * `--rate <rps>` adds, on each server after its closed-loop run, an open loop: requests due at that
 * constant rate spread over the C clients, latency counted from when each was due (answers-load.ts);
 * the JSON line gains open_loop_rate_rps, open_loop_p50_ms and open_loop_p95_ms. `--sweep` runs
 * open loops at each listed rate for `--sweep-s` seconds and adds max_rps_p95_within_goal: the
 * highest listed rate whose p95 was ≤ 20 ms with no errors (null when none was). The closed loop's
 * keys and the goal's verdict do not change with these flags.
 * `--requests <n>` ends each closed-loop run after n requests (if before the duration), so an A/B
 * compares CPU per request over the same questions (a faster server otherwise reaches further
 * into the mix, where more questions repeat).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answersGoals, reportGoals } from './goals';
import { mergeSamples, phaseLines, type PhaseSamples } from './phases';
import { readCorpus, seededDb } from './answers-seed';
import { drawQuestions, questionSequence } from './answers-mix';
import { runLoad, typicalReply, type LoadResult } from './answers-load';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '50' },
    'duration-s': { type: 'string', default: '30' },
    corpus: { type: 'string', default: path.resolve(root, '../shared/corpus/gnome-help.ndjson') },
    'data-dir': { type: 'string' },
    questions: { type: 'string', default: '50000' },
    zipf: { type: 'string', default: '1' },
    'no-cache': { type: 'boolean', default: false },
    'trace-gc': { type: 'boolean', default: false },
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '1' },
    requests: { type: 'string' },
    floor: { type: 'boolean', default: false },
    rate: { type: 'string' },
    sweep: { type: 'string' },
    'sweep-s': { type: 'string', default: '10' },
  },
});
const N = Number(values.entries);
const CLIENTS = Number(values.clients);
const DURATION_MS = Number(values['duration-s']) * 1000;
const ROUNDS = Number(values.rounds);
const RATE = values.rate === undefined ? null : Number(values.rate);
const SWEEP = values.sweep === undefined ? [] : values.sweep.split(',').map(Number);
const SWEEP_MS = Number(values['sweep-s']) * 1000;
const GOAL_P95_MS = 20;
const FLOOR_SAMPLES = 200;
const WARM_UP_REQUESTS = 200;
const MIX_SEED = 17;
const SERVER_PHASES = ['auth', 'validation', 'search', 'bodies', 'serialisation'];
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

interface Variant {
  label: string;
  root: string;
  /** `app`: server/main.ts; `canned`: it with `--canned-answers reply`; `bare`: answers-bare-server.ts. */
  serves: { kind: 'app' } | { kind: 'canned' | 'bare'; reply: string };
  /** Whether its server knows `--server-timing` (a baseline may predate it). */
  timing: boolean;
  /** False: its server ranks every question afresh (`--no-ranking-cache`). */
  cache: boolean;
  runs: LoadResult[];
  /** Open-loop runs at `--rate`. */
  openRuns: LoadResult[];
  /** Open-loop runs per rate of `--sweep`. */
  sweepRuns: Map<number, LoadResult[]>;
}

interface Server {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

async function startServer(variant: Variant, dataDir: string): Promise<Server> {
  const nodeFlags = [
    ...(process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : []),
    ...(values['trace-gc'] ? ['--trace-gc'] : []),
    ...(process.env.BENCH_SERVER_NODE_FLAGS ? process.env.BENCH_SERVER_NODE_FLAGS.split(' ') : []),
  ];
  const serverFlags = [...(variant.timing ? ['--server-timing'] : []), ...(variant.cache ? [] : ['--no-ranking-cache']), ...(process.env.BENCH_SERVER_FLAGS ? process.env.BENCH_SERVER_FLAGS.split(' ') : [])];
  const app = [path.join(variant.root, 'server/main.ts'), '--port', '0', '--data-dir', dataDir, '--log-level', 'warn', ...serverFlags];
  const { serves } = variant;
  const script = serves.kind === 'app' ? app : serves.kind === 'canned' ? [...app, '--canned-answers', serves.reply] : [path.join(root, 'tests/bench/answers-bare-server.ts'), serves.reply];
  const args = [...nodeFlags, '--import', 'tsx', ...script];
  const child = spawn(process.execPath, args, { cwd: variant.root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      // V8's --trace-gc lines go to the server's stdout: pass them on.
      if (values['trace-gc']) process.stderr.write(c);
      out += c.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`the ${variant.label} server exited ${code} before listening`)));
  });
  if (serves.kind === 'app') await answersPrepared(variant.label, url);
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Waits until the server has prepared every live entry's answer (`/healthz` answersReady), as a
 * load balancer's readiness probe would: the bench measures a server in service, not one still
 * rendering 100,000 bodies after its start. A server without the flag (a baseline that predates
 * it) is measured at once.
 */
async function answersPrepared(label: string, url: string): Promise<void> {
  const started = performance.now();
  for (;;) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { answersReady?: boolean };
    if (health.answersReady !== false) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log(`${label}: answers prepared ${((performance.now() - started) / 1000).toFixed(1)} s after listening`);
}

/** The server's resident memory now and at its peak (MB), from /proc (Linux); null elsewhere. */
function serverMemory(pid: number | undefined): { rssMb: number; peakMb: number } | null {
  if (pid === undefined) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    const peak = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return { rssMb: Math.round(Number(rss) / 1024), peakMb: Math.round(Number(peak) / 1024) };
  } catch {
    return null;
  }
}

async function measure(variant: Variant, dataDir: string, tokens: readonly string[], next: ReturnType<typeof questionSequence>): Promise<void> {
  const server = await startServer(variant, dataDir);
  try {
    log(`${variant.label}: measuring ${DURATION_MS / 1000} s, load average ${load()}`);
    const common = { url: server.url, tokens, next, timing: variant.timing, serverPid: server.pid, log };
    const maxRequests = values.requests === undefined ? {} : { maxRequests: Number(values.requests) };
    variant.runs.push(await runLoad({ ...common, ...maxRequests, durationMs: DURATION_MS, warmUpRequests: WARM_UP_REQUESTS }));
    const memory = serverMemory(server.pid);
    if (memory) log(`${variant.label}: server memory after the closed loop: RSS ${memory.rssMb} MB, peak ${memory.peakMb} MB`);
    if (RATE !== null) variant.openRuns.push(await runLoad({ ...common, durationMs: DURATION_MS, warmUpRequests: 0, ratePerSecond: RATE }));
    for (const rate of SWEEP) {
      const run = await runLoad({ ...common, durationMs: SWEEP_MS, warmUpRequests: 0, ratePerSecond: rate });
      variant.sweepRuns.set(rate, [...(variant.sweepRuns.get(rate) ?? []), run]);
    }
  } finally {
    await server.stop();
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function latencyFigures(runs: readonly LoadResult[]) {
  const sorted = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { seconds, requests: sorted.length, errors: runs.reduce((s, r) => s + r.errors, 0), p50: round2(at(50)), p95: round2(at(95)), rps: Math.round(sorted.length / seconds) };
}

function figures(variant: Variant) {
  const closed = latencyFigures(variant.runs);
  const line = {
    entries: N,
    clients: CLIENTS,
    duration_s: round2(closed.seconds),
    requests: closed.requests,
    errors: closed.errors,
    answers_p50_ms: closed.p50,
    answers_p95_ms: closed.p95,
    rps: closed.rps,
  };
  const open = RATE === null ? null : latencyFigures(variant.openRuns);
  const within = SWEEP.filter((rate) => {
    const swept = latencyFigures(variant.sweepRuns.get(rate) ?? []);
    return swept.p95 <= GOAL_P95_MS && swept.errors === 0;
  });
  return {
    closed: line,
    extra: {
      ...(open ? { open_loop_rate_rps: RATE, open_loop_p50_ms: open.p50, open_loop_p95_ms: open.p95 } : {}),
      ...(SWEEP.length > 0 ? { max_rps_p95_within_goal: within.length > 0 ? Math.max(...within) : null } : {}),
    },
  };
}

/** CPU per request (server, client) of some runs, as `server 0.123 ms, client 0.045 ms`. */
function cpuPerRequest(runs: readonly LoadResult[]): string {
  const requests = runs.reduce((s, r) => s + r.latencies.length, 0);
  const clientCpu = runs.reduce((s, r) => s + r.clientCpuMs, 0);
  const serverCpu = runs.every((r) => r.serverCpuMs !== null) ? runs.reduce((s, r) => s + (r.serverCpuMs ?? 0), 0) : null;
  const bytes = runs.reduce((s, r) => s + r.bytes, 0);
  return `server ${serverCpu === null ? 'unknown' : `${(serverCpu / requests).toFixed(3)} ms`}, client ${(clientCpu / requests).toFixed(3)} ms, reply ${Math.round(bytes / requests)} bytes`;
}

/** Phases, CPU per request and the ranking cache's hit ratio of a variant, on stderr. */
function report(variant: Variant): void {
  const phases: PhaseSamples = {};
  for (const run of variant.runs) mergeSamples(phases, run.phases);
  for (const line of phaseLines(`GET /v1/answers per phase, ${variant.label}`, phases, ['total', ...SERVER_PHASES, 'outside the handler'])) log(line);
  const hits = variant.runs.reduce((s, r) => s + r.hits, 0);
  const misses = variant.runs.reduce((s, r) => s + r.misses, 0);
  log(
    `${variant.label}: CPU per request: ${cpuPerRequest(variant.runs)}; ` +
      `ranking cache: ${hits + misses === 0 ? 'unknown' : `${((100 * hits) / (hits + misses)).toFixed(1)}% hits (${hits} of ${hits + misses})`}`,
  );
  const openLoops: Array<[string, LoadResult[]]> = [
    ...(RATE === null ? [] : [[`open loop at ${RATE} rps`, variant.openRuns] as [string, LoadResult[]]]),
    ...[...variant.sweepRuns].sort(([a], [b]) => a - b).map(([rate, runs]): [string, LoadResult[]] => [`sweep at ${rate} rps`, runs]),
  ];
  for (const [what, runs] of openLoops) {
    const f = latencyFigures(runs);
    log(`${variant.label}: ${what}: p50 ${f.p50} ms, p95 ${f.p95} ms, ${f.requests} requests (${f.rps} rps answered), ${f.errors} errors; CPU per request: ${cpuPerRequest(runs)}`);
  }
  const { closed, extra } = figures(variant);
  log(`${variant.label}: ${JSON.stringify({ ...closed, ...extra })}`);
}

/** A real reply of typical size (answers-load.ts' typicalReply) from this tree's server, in a file for the floor's servers. */
async function captureReply(current: Variant, dataDir: string, token: string, next: ReturnType<typeof questionSequence>): Promise<string> {
  const server = await startServer(current, dataDir);
  try {
    const { body, meanBytes } = await typicalReply(server.url, token, next, FLOOR_SAMPLES);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-bench-floor-')), 'reply.json');
    fs.writeFileSync(file, body);
    log(`floor: canned reply of ${body.length} bytes (mean of ${FLOOR_SAMPLES} real replies: ${Math.round(meanBytes)} bytes)`);
    return file;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<number> {
  // Absolute, so a kept database is recognised whichever directory the corpus was named from.
  const corpus = path.resolve(values.corpus);
  const records = readCorpus(corpus);
  log(`entries: ${corpus} (${records.length} records) cycled to ${N}, all tagged public`);
  const questions = drawQuestions(records, { distinct: Number(values.questions), seed: MIX_SEED });
  log(`questions: ${questions.length} distinct, each in its record's language, repeated with Zipf(${values.zipf})`);
  const db = await seededDb({ entries: N, clients: CLIENTS, corpus, records, keepDir: values['data-dir'] ? path.resolve(values['data-dir']) : null });
  const variant = (label: string, dir: string, timing: boolean, cache = true, serves: Variant['serves'] = { kind: 'app' }): Variant => ({ label, root: dir, serves, timing, cache, runs: [], openRuns: [], sweepRuns: new Map() });
  const current = variant('this tree', root, true);
  const uncached = values['no-cache'] ? variant('this tree, no ranking cache', root, true, false) : null;
  const baseline = values.baseline ? variant(`baseline ${values.baseline}`, path.resolve(values.baseline), fs.existsSync(path.resolve(values.baseline, 'server/request-timing.ts'))) : null;
  const floors: Variant[] = [];
  try {
    if (values.floor) {
      const reply = await captureReply(current, db.dataDir, db.tokens[0] as string, questionSequence(questions, { zipf: Number(values.zipf), seed: MIX_SEED - 1 }));
      floors.push(variant('floor: this app, canned reply', root, true, true, { kind: 'canned', reply }), variant('floor: bare node:http, same bytes', root, false, true, { kind: 'bare', reply }));
    }
    for (let round = 0; round < ROUNDS; round++) {
      // Every server gets the same sequence of questions.
      const sequence = () => questionSequence(questions, { zipf: Number(values.zipf), seed: MIX_SEED + round });
      if (baseline) await measure(baseline, db.dataDir, db.tokens, sequence());
      if (uncached) await measure(uncached, db.dataDir, db.tokens, sequence());
      for (const floor of floors) await measure(floor, db.dataDir, db.tokens, sequence());
      await measure(current, db.dataDir, db.tokens, sequence());
    }
  } finally {
    db.dispose();
  }
  if (baseline) report(baseline);
  if (uncached) report(uncached);
  for (const floor of floors) report(floor);
  report(current);
  const { closed, extra } = figures(current);
  process.stdout.write(`${JSON.stringify({ ...closed, ...extra })}\n`);
  return reportGoals(answersGoals(closed)) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`bench:answers failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
