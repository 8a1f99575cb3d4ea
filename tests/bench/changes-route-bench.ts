/**
 * Server CPU of a full sync's `/v1/changes` pages, old code against new, alternating in one run
 * (A/B/A/B), so the ratio survives a loaded machine where wall-clock figures do not.
 *
 *   npx tsx tests/bench/changes-route-bench.ts --data-dir <published server folder>
 *       [--old <checkout of the old code>] [--rounds 3] [--limit 5000]
 *
 * Each variant is a server child started by its checkout's own bench helper (`startServerChild`
 * of tests/bench/sync-bench-server.ts: SQLite, as deployed; `BENCH_CPU_PROF_DIR=<dir>` profiles it)
 * on the same data folder. Its CPU (utime + stime of /proc/<pid>/stat) is read after it listens and
 * again after every page of the log was fetched once, so start-up and TypeScript loading are
 * left out. The pages of both variants are hashed and must be byte-identical.
 * `--old` defaults to none (the new code alone); make it with
 *   mkdir /tmp/old && git archive <commit> | tar -x -C /tmp/old && ln -s $PWD/node_modules /tmp/old/
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ServerChild } from './sync-bench-server';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    old: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    limit: { type: 'string', default: '5000' },
  },
});
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('--data-dir <published server folder> is required');
const here = path.resolve(import.meta.dirname, '../..');
const TICKS_PER_SECOND = 100;

function cpuMs(pid: number): number {
  // Fields after the command's closing parenthesis: utime is the 12th, stime the 13th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Each checkout starts its own server with its own bench helper (which reads BENCH_CPU_PROF_DIR). */
async function startServer(root: string): Promise<ServerChild> {
  const helper = (await import(pathToFileURL(path.join(root, 'tests/bench/sync-bench-server.ts')).href)) as { startServerChild(dir: string): Promise<ServerChild> };
  return helper.startServerChild(dataDir as string);
}

async function fullSync(url: string, token: string, limit: number): Promise<{ items: number; hash: string; pages: number }> {
  const hash = createHash('sha256');
  let after = 0;
  let items = 0;
  let pages = 0;
  for (;;) {
    const res = await fetch(`${url}/v1/changes?after=${after}&limit=${limit}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`page after ${after}: ${res.status}`);
    const text = await res.text();
    hash.update(text);
    const page = JSON.parse(text) as { items: unknown[]; nextCursor: number; hasMore: boolean };
    items += page.items.length;
    pages += 1;
    after = page.nextCursor;
    if (!page.hasMore) return { items, hash: hash.digest('hex'), pages };
  }
}

async function measure(root: string, limit: number): Promise<{ msPer1000: number; hash: string; items: number; pages: number }> {
  const server = await startServer(root);
  const pid = server.process.pid as number;
  // Read after start-up and the helper's token requests: only the pages are measured.
  const before = cpuMs(pid);
  const sync = await fullSync(server.url, server.agent, limit);
  const cpu = cpuMs(pid) - before;
  await server.stop();
  return { msPer1000: (cpu * 1000) / sync.items, ...sync };
}

const variants: Array<[string, string]> = values.old ? [['old', path.resolve(values.old)], ['new', here]] : [['new', here]];
const limit = Number(values.limit);
const hashes = new Set<string>();
const results: Record<string, number[]> = {};
for (let round = 0; round < Number(values.rounds); round += 1) {
  for (const [name, root] of variants) {
    const r = await measure(root, limit);
    hashes.add(r.hash);
    (results[name] ??= []).push(r.msPer1000);
    process.stdout.write(`round ${round + 1} ${name}: ${r.items} items in ${r.pages} pages, server CPU ${r.msPer1000.toFixed(1)} ms per 1,000 entries\n`);
  }
}
if (hashes.size !== 1) throw new Error(`the variants served different pages (${hashes.size} distinct hashes)`);
const old = results.old;
const fresh = results.new as number[];
if (old) {
  const ratios = fresh.map((n, i) => (n / (old[i] as number)).toFixed(2));
  process.stdout.write(`pages byte-identical; new/old per round: ${ratios.join(', ')}\n`);
}
