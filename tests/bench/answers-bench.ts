/**
 * `npm run bench:answers [-- --entries 100000 --clients 50 --duration-s 30 --corpus <file>
 *   --data-dir <dir> --baseline <checkout> --rounds 1]`
 *
 * `GET /v1/answers` under load (issue #17): a knowledge server (child process, SQLite) holding N
 * live entries tagged `public`, C bot clients (one bot token each, keep-alive connections) asking
 * questions back to back for the duration. Questions are titles' leading words of the gnome-help
 * corpus (../shared/corpus), or synthetic text when it is missing (said on stderr). The last
 * stdout line is one JSON object (answers_p50_ms, answers_p95_ms, rps, requests, errors); the
 * goal (p95 ≤ 20 ms, no errors) is checked on stderr and the bench exits 1 when it is missed.
 *
 * Stderr also gets the time per phase: the server's own (`--server-timing`: auth, validation,
 * search, bodies, serialisation) and what is left of each request's total outside them (waiting
 * in the server's queue, HTTP, the client). `--baseline <checkout>` runs another checkout's server
 * (e.g. a `git worktree` of main, with node_modules) on the same database, alternating with this
 * one for `--rounds` rounds, so old and new are compared under the same machine load; its figures
 * go to stderr. `--data-dir` keeps the seeded database for the next run (seeding takes minutes).
 * `BENCH_CPU_PROF_DIR=<dir>` writes the servers' V8 CPU profiles there.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answersGoals, reportGoals } from './goals';
import { addSample, phaseLines, type PhaseSamples } from './phases';
import { readCorpus, seededDb } from './answers-seed';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '50' },
    'duration-s': { type: 'string', default: '30' },
    corpus: { type: 'string', default: path.resolve(root, '../shared/corpus/gnome-help.ndjson') },
    'data-dir': { type: 'string' },
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '1' },
  },
});
const N = Number(values.entries);
const CLIENTS = Number(values.clients);
const DURATION_MS = Number(values['duration-s']) * 1000;
const ROUNDS = Number(values.rounds);
const WARM_UP_REQUESTS = 200;
const SERVER_PHASES = ['auth', 'validation', 'search', 'bodies', 'serialisation'];
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

interface Variant {
  label: string;
  root: string;
  /** Whether its server knows `--server-timing` (a baseline may predate it). */
  timing: boolean;
  latencies: number[];
  errors: number;
  seconds: number;
  phases: PhaseSamples;
}

async function startServer(variant: Variant, dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const profileArgs = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  const args = [...profileArgs, '--import', 'tsx', path.join(variant.root, 'server/main.ts'), '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'];
  const child = spawn(process.execPath, variant.timing ? [...args, '--server-timing'] : args, { cwd: variant.root, stdio: ['ignore', 'pipe', 'inherit'] });
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
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** `auth;dur=0.052, search;dur=1.2` → samples per phase; returns their sum. */
function addServerTiming(header: string | null, phases: PhaseSamples): number {
  let sum = 0;
  for (const part of (header ?? '').split(',')) {
    const match = /^\s*([\w-]+);dur=([\d.]+)\s*$/.exec(part);
    if (!match) continue;
    const ms = Number(match[2]);
    addSample(phases, match[1] as string, ms);
    sum += ms;
  }
  return sum;
}

async function measure(variant: Variant, dataDir: string, tokens: readonly string[], questions: readonly string[]): Promise<void> {
  const server = await startServer(variant, dataDir);
  try {
    const ask = async (token: string, n: number, phases: PhaseSamples | null): Promise<{ ms: number; ok: boolean }> => {
      const q = encodeURIComponent(questions[n % questions.length] as string);
      const started = performance.now();
      const response = await fetch(`${server.url}/v1/answers?q=${q}&locale=en&limit=5`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      const ms = performance.now() - started;
      if (phases && variant.timing) {
        const inServer = addServerTiming(response.headers.get('server-timing'), phases);
        addSample(phases, 'outside the handler', ms - inServer);
      }
      return { ms, ok: response.status === 200 };
    };
    for (let i = 0; i < WARM_UP_REQUESTS; i++) await ask(tokens[i % CLIENTS] as string, i, null);
    log(`${variant.label}: measuring ${DURATION_MS / 1000} s, load average ${load()}`);
    const started = performance.now();
    const deadline = started + DURATION_MS;
    await Promise.all(
      tokens.map(async (token, client) => {
        for (let n = client; performance.now() < deadline; n += CLIENTS) {
          const { ms, ok } = await ask(token, n, variant.phases);
          variant.latencies.push(ms);
          addSample(variant.phases, 'total', ms);
          if (!ok) variant.errors++;
        }
      }),
    );
    variant.seconds += (performance.now() - started) / 1000;
  } finally {
    await server.stop();
  }
}

function figures(variant: Variant) {
  const sorted = [...variant.latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    entries: N,
    clients: CLIENTS,
    duration_s: round(variant.seconds),
    requests: sorted.length,
    errors: variant.errors,
    answers_p50_ms: round(at(50)),
    answers_p95_ms: round(at(95)),
    rps: Math.round(sorted.length / variant.seconds),
  };
}

async function main(): Promise<number> {
  const records = readCorpus(values.corpus);
  log(`entries: ${values.corpus} (${records.length} records) cycled to ${N}, all tagged public`);
  const questions = records.slice(0, 500).map((r) => r.title.split(/\s+/).slice(0, 3).join(' '));
  const db = await seededDb({ entries: N, clients: CLIENTS, corpus: values.corpus, records, keepDir: values['data-dir'] ? path.resolve(values['data-dir']) : null });
  const variant = (label: string, dir: string, timing: boolean): Variant => ({ label, root: dir, timing, latencies: [], errors: 0, seconds: 0, phases: {} });
  const current = variant('this tree', root, true);
  const baseline = values.baseline ? variant(`baseline ${values.baseline}`, path.resolve(values.baseline), fs.existsSync(path.resolve(values.baseline, 'server/request-timing.ts'))) : null;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      if (baseline) await measure(baseline, db.dataDir, db.tokens, questions);
      await measure(current, db.dataDir, db.tokens, questions);
    }
  } finally {
    db.dispose();
  }
  const order = ['total', ...SERVER_PHASES, 'outside the handler'];
  if (baseline) {
    for (const line of phaseLines(`GET /v1/answers per phase, ${baseline.label}`, baseline.phases, order)) log(line);
    log(`${baseline.label}: ${JSON.stringify(figures(baseline))}`);
  }
  for (const line of phaseLines('GET /v1/answers per phase, this tree', current.phases, order)) log(line);
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
