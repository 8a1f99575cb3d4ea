/**
 * `npm run bench:search [-- --docs 100000 --corpus <file.ndjson>]`
 * Builds 10,000 and N entries by replicating and varying the shared corpus (all its locales),
 * then measures Cuecard and SQLite FTS5 on the same entries and queries: as-you-type latency
 * (every prefix of 200 realistic queries), full-query latency, build time, cold start from the
 * persisted index, one incremental update, and the RSS and heap of a fresh process holding the
 * loaded index after the same searches (search-rss.ts). The last stdout
 * line is one JSON object for the largest run; its goals are then checked (stderr) and the
 * bench exits 1 when one is missed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeEntry } from '../../common/knowledge';
import { CuecardIndex } from '../../common/search/cuecard-index';
import { searchEntries } from '../../common/search/entry-view';
import { loadIndex, saveIndex } from '../../common/search/persist';
import { fts5Engine, readCorpus } from '../search-eval/engines';
import { reportGoals, searchGoals } from './goals';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const VARIANTS = ['Pro', 'Home', 'Business', 'Cloud', 'Edge', 'Lite', 'Max', 'Studio', 'Go', 'Plus', 'Team', 'Mini'];

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Copy k of each record: new id, a product variant in the title, paragraphs rotated, a ticket code. */
function replicate(base: KnowledgeEntry[], count: number): KnowledgeEntry[] {
  const out: KnowledgeEntry[] = [];
  for (let k = 0; out.length < count; k += 1) {
    for (const e of base) {
      if (out.length >= count) break;
      if (k === 0) {
        out.push(e);
        continue;
      }
      const paragraphs = e.body.split('\n\n');
      const shift = k % Math.max(1, paragraphs.length);
      const body = [...paragraphs.slice(shift), ...paragraphs.slice(0, shift)].join('\n\n');
      const variant = VARIANTS[k % VARIANTS.length] as string;
      out.push({ ...e, id: `${e.id}~${k}`, title: `${e.title} (${variant} ${k})`, body: `${body}\n\nRef KB${k}-${out.length % 997}` });
    }
  }
  return out;
}

interface BenchQuery {
  q: string;
  locale: string;
}

function benchQueries(base: KnowledgeEntry[]): BenchQuery[] {
  const judged = fs
    .readFileSync(path.join(root, 'tests', 'search-eval', 'queries.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as BenchQuery);
  const out = judged.map(({ q, locale }) => ({ q, locale }));
  // Fill up to 200 with two or three title words, lower-cased, as an agent would type them.
  for (let i = 0; out.length < 200 && i < base.length; i += 37) {
    const e = base[i] as KnowledgeEntry;
    const words = e.title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length >= 2) out.push({ q: words.slice(0, 2 + (i % 2)).join(' '), locale: e.locale });
  }
  return out;
}

function prefixes(q: string): string[] {
  const chars = Array.from(q);
  return chars.map((_, i) => chars.slice(0, i + 1).join('')).filter((p) => p.trim().length > 0);
}

/**
 * RSS and heap of a fresh process that loads the index in `dir` and runs `searches`
 * (search-rss.ts): the app's steady state, without what this process kept from the build.
 */
function steadyStateMemory(dir: string, searches: BenchQuery[]): { rss_mb: number; heap_mb: number } {
  const file = path.join(dir, 'bench-searches.json');
  fs.writeFileSync(file, JSON.stringify(searches));
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'search-rss.ts'), dir, file], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`search-rss.ts failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() as string) as { rss_mb: number; heap_mb: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function stats(times: number[]): { p50: number; p95: number; p99: number } {
  const s = [...times].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { p50: r(percentile(s, 0.5)), p95: r(percentile(s, 0.95)), p99: r(percentile(s, 0.99)) };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => Math.round(bytes / 1e6);

async function benchSize(base: KnowledgeEntry[], docs: number, queries: BenchQuery[]): Promise<Record<string, number>> {
  let entries: KnowledgeEntry[] | null = replicate(base, docs);
  const sample = Array.from({ length: 21 }, (_, i) => entries![(i * 7919) % entries!.length] as KnowledgeEntry);
  let t = performance.now();
  const built = new CuecardIndex();
  built.build(entries);
  const buildS = (performance.now() - t) / 1000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-bench-'));
  saveIndex(built, dir, 1);
  built.clear();
  // Memory is measured for the app's steady state: the loaded index, not the generated corpus.
  entries = null;
  gc();
  t = performance.now();
  const loaded = loadIndex(dir);
  const coldS = (performance.now() - t) / 1000;
  if (!loaded) throw new Error('persisted index did not load');
  const index = loaded.index;
  // A locale's postings are read on its first search: time that first answer separately.
  const first = queries[0] as BenchQuery;
  t = performance.now();
  searchEntries(index, { query: first.q, locale: first.locale, limit: 10 });
  const firstQueryMs = performance.now() - t;

  const typed: number[] = [];
  const full: number[] = [];
  for (let round = 0; round < 2; round += 1) {
    for (const { q, locale } of queries) {
      for (const p of prefixes(q)) {
        const s = performance.now();
        searchEntries(index, { query: p, locale, limit: 10 });
        if (round === 1) typed.push(performance.now() - s);
      }
      const s = performance.now();
      searchEntries(index, { query: q, locale, limit: 10 });
      if (round === 1) full.push(performance.now() - s);
    }
  }
  const updates: number[] = [];
  for (let i = 0; i < sample.length; i += 1) {
    const e = sample[i] as KnowledgeEntry;
    const changed = { ...e, body: `${e.body}\nUpdated note ${i}.`, version: e.version + 1 };
    const s = performance.now();
    index.apply([{ type: 'upsert', entry: changed }]);
    updates.push(performance.now() - s);
  }
  gc();
  const mem = process.memoryUsage();
  const steady = steadyStateMemory(dir, queries.flatMap(({ q, locale }) => [...prefixes(q).map((p) => ({ q: p, locale })), { q, locale }]));
  const asYouType = stats(typed);
  const fullStats = stats(full);
  console.log(
    `cuecard ${docs} docs: build ${buildS.toFixed(2)} s, cold start ${coldS.toFixed(3)} s (+${firstQueryMs.toFixed(1)} ms first query), as-you-type p50/p95/p99 ` +
      `${asYouType.p50}/${asYouType.p95}/${asYouType.p99} ms over ${typed.length} keystrokes, full p95 ${fullStats.p95} ms, ` +
      `update p50 ${stats(updates).p50} ms (max ${Math.max(...updates).toFixed(2)}), RSS ${steady.rss_mb} MB, heap ${steady.heap_mb} MB ` +
      `(a fresh process that loaded the index and ran these searches; this one, after building: RSS ${mb(mem.rss)} MB, heap ${mb(mem.heapUsed)} MB)`,
  );
  loaded.index.clear();
  fs.rmSync(dir, { recursive: true, force: true });
  gc();

  const again = replicate(base, docs);
  t = performance.now();
  const fts = await fts5Engine(again);
  const ftsBuildS = (performance.now() - t) / 1000;
  const ftsTyped: number[] = [];
  for (const { q, locale } of queries) {
    for (const p of prefixes(q)) {
      const s = performance.now();
      await fts.search(p, locale, 10);
      ftsTyped.push(performance.now() - s);
    }
  }
  await fts.close();
  const ftsStats = stats(ftsTyped);
  console.log(`fts5    ${docs} docs: build ${ftsBuildS.toFixed(2)} s, as-you-type p50/p95/p99 ${ftsStats.p50}/${ftsStats.p95}/${ftsStats.p99} ms`);
  return {
    docs,
    p50_ms: asYouType.p50,
    p95_ms: asYouType.p95,
    p99_ms: asYouType.p99,
    full_p95_ms: fullStats.p95,
    fts5_p50_ms: ftsStats.p50,
    fts5_p95_ms: ftsStats.p95,
    fts5_p99_ms: ftsStats.p99,
    fts5_to_cuecard_p95: Math.round((ftsStats.p95 / Math.max(asYouType.p95, 1e-3)) * 10) / 10,
    build_s: Math.round(buildS * 100) / 100,
    fts5_build_s: Math.round(ftsBuildS * 100) / 100,
    cold_start_s: Math.round(coldS * 1000) / 1000,
    first_query_ms: Math.round(firstQueryMs * 10) / 10,
    update_ms: stats(updates).p50,
    update_max_ms: Math.round(Math.max(...updates) * 100) / 100,
    rss_mb: steady.rss_mb,
    heap_mb: steady.heap_mb,
    keystrokes: typed.length,
    cpus: os.cpus().length,
  };
}

async function main(): Promise<number> {
  const docs = Number(arg('docs') ?? 100_000);
  if (!Number.isInteger(docs) || docs < 1) {
    process.stderr.write('--docs must be a positive whole number\n');
    return 2;
  }
  const corpus = path.resolve(arg('corpus') ?? path.join(root, '..', 'shared', 'corpus', 'gnome-help.ndjson'));
  let base: KnowledgeEntry[];
  try {
    base = readCorpus(corpus);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const queries = benchQueries(base);
  console.log(`corpus ${corpus}: ${base.length} records; ${queries.length} queries; node ${process.version}; ${os.cpus().length} CPUs`);
  let last: Record<string, number> = {};
  for (const size of [...new Set([Math.min(10_000, docs), docs])]) last = await benchSize(base, size, queries);
  console.log(JSON.stringify(last));
  return reportGoals(searchGoals(last)) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
