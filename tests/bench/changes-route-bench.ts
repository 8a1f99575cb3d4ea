/**
 * Server CPU of a full sync's `/v1/changes` pages, old code against new, alternating in one run
 * (A/B/A/B), so the ratio survives a loaded machine where wall-clock figures do not.
 *
 *   npx tsx tests/bench/changes-route-bench.ts --data-dir <published server folder>
 *       [--old <checkout of the old code>] [--rounds 3] [--limit 5000] [--cpu-prof <dir>]
 *
 * Each variant is a server child (`server/main.ts` of its checkout, SQLite, as deployed) on the
 * same data folder. Its CPU (utime + stime of /proc/<pid>/stat) is read after it listens and
 * again after every page of the log was fetched once, so start-up and TypeScript loading are
 * left out. The pages of both variants are hashed and must be byte-identical.
 * `--old` defaults to none (the new code alone); make it with
 *   mkdir /tmp/old && git archive <commit> | tar -x -C /tmp/old && ln -s $PWD/node_modules /tmp/old/
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    old: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    limit: { type: 'string', default: '5000' },
    'cpu-prof': { type: 'string' },
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

function runCli(root: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts'), ...args, '--data-dir', dataDir as string], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').pop() ?? '') : reject(new Error(`cli exited ${code}`))));
  });
}

async function startServer(root: string, profile: string | undefined): Promise<{ url: string; child: ChildProcess }> {
  const prof = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(root, 'server/main.ts'), '--port', '0', '--log-level', 'info', '--data-dir', dataDir as string], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out: string | null = '';
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
  return { url, child };
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

async function measure(root: string, token: string, limit: number): Promise<{ msPer1000: number; hash: string; items: number; pages: number }> {
  const { url, child } = await startServer(root, values['cpu-prof']);
  const pid = child.pid as number;
  const before = cpuMs(pid);
  const sync = await fullSync(url, token, limit);
  const cpu = cpuMs(pid) - before;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  return { msPer1000: (cpu * 1000) / sync.items, ...sync };
}

const variants: Array<[string, string]> = values.old ? [['old', path.resolve(values.old)], ['new', here]] : [['new', here]];
const token = await runCli(here, ['token', 'create', '--role', 'agent', '--name', `route-bench-${Date.now().toString(36)}`]);
const limit = Number(values.limit);
const hashes = new Set<string>();
const results: Record<string, number[]> = {};
for (let round = 0; round < Number(values.rounds); round += 1) {
  for (const [name, root] of variants) {
    const r = await measure(root, token, limit);
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
