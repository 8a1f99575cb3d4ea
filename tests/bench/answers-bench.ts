/**
 * `npm run bench:answers [-- --entries 100000 --clients 50 --duration-s 30 --corpus <file>]`
 *
 * `GET /v1/answers` under load (issue #17): a knowledge server (child process, SQLite) holding N
 * live entries tagged `public`, C bot clients (one bot token each, keep-alive connections) asking
 * questions back to back for the duration. Questions are titles' leading words of the gnome-help
 * corpus (../shared/corpus), or synthetic text when it is missing (said on stderr). The last
 * stdout line is one JSON object (answers_p50_ms, answers_p95_ms, rps, requests, errors); the
 * goal (p95 ≤ 20 ms, no errors) is checked on stderr and the bench exits 1 when it is missed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PublishEntry } from '../../common/sync-protocol';
import { KnowledgeRepo } from '../../server/db/knowledge-repo';
import { TokenStore } from '../../server/db/tokens';
import { openServerDb } from '../../server/server';
import { answersGoals, reportGoals } from './goals';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '50' },
    'duration-s': { type: 'string', default: '30' },
    corpus: { type: 'string', default: path.resolve(root, '../shared/corpus/gnome-help.ndjson') },
  },
});
const N = Number(values.entries);
const CLIENTS = Number(values.clients);
const DURATION_MS = Number(values['duration-s']) * 1000;
const WARM_UP_REQUESTS = 200;
const PUBLISH_BATCH = 1000;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Record_ {
  id: string;
  locale: string;
  title: string;
  body: string;
}

function corpus(): Record_[] {
  if (fs.existsSync(values.corpus)) {
    const records = fs.readFileSync(values.corpus, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record_);
    log(`entries: ${values.corpus} (${records.length} records) cycled to ${N}, all tagged public`);
    return records;
  }
  log(`corpus ${values.corpus} is missing: using synthetic entries`);
  const words = 'printer network wifi password account email backup display sound keyboard mouse battery update'.split(' ');
  return Array.from({ length: 5000 }, (_, i) => ({
    id: `synthetic/${i}`,
    locale: 'en',
    title: `${words[i % words.length]} ${words[(i * 7) % words.length]} help ${i}`,
    body: Array.from({ length: 200 }, (_, j) => words[(i + j * 3) % words.length]).join(' '),
  }));
}

/** Writes the entries and the bot tokens straight into a fresh server database. */
async function seed(dataDir: string, records: Record_[]): Promise<string[]> {
  const db = await openServerDb({ dataDir });
  try {
    const repo = new KnowledgeRepo(db);
    for (let start = 0; start < N; start += PUBLISH_BATCH) {
      const batch: PublishEntry[] = [];
      for (let i = start; i < Math.min(N, start + PUBLISH_BATCH); i++) {
        const r = records[i % records.length] as Record_;
        const round = Math.floor(i / records.length);
        batch.push({ id: round === 0 ? r.id : `${r.id}~${round}`, locale: r.locale, kind: 'article', title: r.title, body: r.body, tags: ['public'], urlOrPath: null });
      }
      await repo.publish(batch, { name: 'bench-admin' });
    }
    const tokens = new TokenStore(db);
    return await Promise.all(Array.from({ length: CLIENTS }, (_, i) => tokens.create(`bench-bot-${i}`, 'bot')));
  } finally {
    await db.close();
  }
}

async function startServer(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts'), '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`the server exited ${code} before listening`)));
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

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main(): Promise<number> {
  const records = corpus();
  const questions = records.slice(0, 500).map((r) => r.title.split(/\s+/).slice(0, 3).join(' '));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-bench-answers-'));
  const seedStart = performance.now();
  const tokens = await seed(dataDir, records);
  log(`seeded ${N} entries and ${CLIENTS} bot tokens in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const server = await startServer(dataDir);
  try {
    const ask = async (token: string, n: number): Promise<{ ms: number; ok: boolean }> => {
      const q = encodeURIComponent(questions[n % questions.length] as string);
      const started = performance.now();
      const response = await fetch(`${server.url}/v1/answers?q=${q}&locale=en&limit=5`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      return { ms: performance.now() - started, ok: response.status === 200 };
    };
    for (let i = 0; i < WARM_UP_REQUESTS; i++) await ask(tokens[i % CLIENTS] as string, i);
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    const deadline = started + DURATION_MS;
    await Promise.all(
      tokens.map(async (token, client) => {
        for (let n = client; performance.now() < deadline; n += CLIENTS) {
          const { ms, ok } = await ask(token, n);
          latencies.push(ms);
          if (!ok) errors++;
        }
      }),
    );
    const elapsedS = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 100) / 100;
    const line = {
      entries: N,
      clients: CLIENTS,
      duration_s: round(elapsedS),
      requests: latencies.length,
      errors,
      answers_p50_ms: round(percentile(latencies, 50)),
      answers_p95_ms: round(percentile(latencies, 95)),
      rps: Math.round(latencies.length / elapsedS),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return reportGoals(answersGoals(line)) ? 0 : 1;
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
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
