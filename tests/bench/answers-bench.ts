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
 * `BENCH_CPU_PROF_DIR=<dir>` writes the servers' V8 CPU profiles there; `--trace-gc` passes
 * V8's flag to the servers (their stderr is this one's).
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
import { runLoad, type LoadResult } from './answers-load';

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
  },
});
const N = Number(values.entries);
const CLIENTS = Number(values.clients);
const DURATION_MS = Number(values['duration-s']) * 1000;
const ROUNDS = Number(values.rounds);
const WARM_UP_REQUESTS = 200;
const MIX_SEED = 17;
const SERVER_PHASES = ['auth', 'validation', 'search', 'bodies', 'serialisation'];
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

interface Variant {
  label: string;
  root: string;
  /** Whether its server knows `--server-timing` (a baseline may predate it). */
  timing: boolean;
  /** False: its server ranks every question afresh (`--no-ranking-cache`). */
  cache: boolean;
  runs: LoadResult[];
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
  ];
  const serverFlags = [...(variant.timing ? ['--server-timing'] : []), ...(variant.cache ? [] : ['--no-ranking-cache'])];
  const args = [...nodeFlags, '--import', 'tsx', path.join(variant.root, 'server/main.ts'), '--port', '0', '--data-dir', dataDir, '--log-level', 'warn', ...serverFlags];
  const child = spawn(process.execPath, args, { cwd: variant.root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`the ${variant.label} server exited ${code} before listening`)));
  });
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

async function measure(variant: Variant, dataDir: string, tokens: readonly string[], next: ReturnType<typeof questionSequence>): Promise<void> {
  const server = await startServer(variant, dataDir);
  try {
    log(`${variant.label}: measuring ${DURATION_MS / 1000} s, load average ${load()}`);
    const run = await runLoad({ url: server.url, tokens, next, durationMs: DURATION_MS, warmUpRequests: WARM_UP_REQUESTS, timing: variant.timing, serverPid: server.pid, log });
    variant.runs.push(run);
  } finally {
    await server.stop();
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function figures(variant: Variant) {
  const sorted = variant.runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = variant.runs.reduce((s, r) => s + r.seconds, 0);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return {
    entries: N,
    clients: CLIENTS,
    duration_s: round2(seconds),
    requests: sorted.length,
    errors: variant.runs.reduce((s, r) => s + r.errors, 0),
    answers_p50_ms: round2(at(50)),
    answers_p95_ms: round2(at(95)),
    rps: Math.round(sorted.length / seconds),
  };
}

/** Phases, CPU per request and the ranking cache's hit ratio of a variant, on stderr. */
function report(variant: Variant): void {
  const phases: PhaseSamples = {};
  for (const run of variant.runs) mergeSamples(phases, run.phases);
  for (const line of phaseLines(`GET /v1/answers per phase, ${variant.label}`, phases, ['total', ...SERVER_PHASES, 'outside the handler'])) log(line);
  const requests = variant.runs.reduce((s, r) => s + r.latencies.length, 0);
  const clientCpu = variant.runs.reduce((s, r) => s + r.clientCpuMs, 0);
  const serverCpu = variant.runs.every((r) => r.serverCpuMs !== null) ? variant.runs.reduce((s, r) => s + (r.serverCpuMs ?? 0), 0) : null;
  const hits = variant.runs.reduce((s, r) => s + r.hits, 0);
  const misses = variant.runs.reduce((s, r) => s + r.misses, 0);
  log(
    `${variant.label}: CPU per request: server ${serverCpu === null ? 'unknown' : `${(serverCpu / requests).toFixed(3)} ms`}, client ${(clientCpu / requests).toFixed(3)} ms; ` +
      `ranking cache: ${hits + misses === 0 ? 'unknown' : `${((100 * hits) / (hits + misses)).toFixed(1)}% hits (${hits} of ${hits + misses})`}`,
  );
  log(`${variant.label}: ${JSON.stringify(figures(variant))}`);
}

async function main(): Promise<number> {
  // Absolute, so a kept database is recognised whichever directory the corpus was named from.
  const corpus = path.resolve(values.corpus);
  const records = readCorpus(corpus);
  log(`entries: ${corpus} (${records.length} records) cycled to ${N}, all tagged public`);
  const questions = drawQuestions(records, { distinct: Number(values.questions), seed: MIX_SEED });
  log(`questions: ${questions.length} distinct, each in its record's language, repeated with Zipf(${values.zipf})`);
  const db = await seededDb({ entries: N, clients: CLIENTS, corpus, records, keepDir: values['data-dir'] ? path.resolve(values['data-dir']) : null });
  const variant = (label: string, dir: string, timing: boolean, cache = true): Variant => ({ label, root: dir, timing, cache, runs: [] });
  const current = variant('this tree', root, true);
  const uncached = values['no-cache'] ? variant('this tree, no ranking cache', root, true, false) : null;
  const baseline = values.baseline ? variant(`baseline ${values.baseline}`, path.resolve(values.baseline), fs.existsSync(path.resolve(values.baseline, 'server/request-timing.ts'))) : null;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Every server gets the same sequence of questions.
      const sequence = () => questionSequence(questions, { zipf: Number(values.zipf), seed: MIX_SEED + round });
      if (baseline) await measure(baseline, db.dataDir, db.tokens, sequence());
      if (uncached) await measure(uncached, db.dataDir, db.tokens, sequence());
      await measure(current, db.dataDir, db.tokens, sequence());
    }
  } finally {
    db.dispose();
  }
  if (baseline) report(baseline);
  if (uncached) report(uncached);
  report(current);
  const line = figures(current);
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return reportGoals(answersGoals(line)) ? 0 : 1;
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
