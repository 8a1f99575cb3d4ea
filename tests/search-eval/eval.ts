/**
 * `npm run eval:search [-- --corpus <file.ndjson> --queries <file.jsonl> --only cuecard]
 *   [--expansion wordnet] [--synonyms <file.csv>]`
 * Relevance of Cuecard against SQLite FTS5 and MiniSearch on the same corpus and queries:
 * MRR@10, Recall@1 and Recall@5 (share of queries with a judged-relevant entry in the first
 * 1 / 5 results), overall and per locale. Every corpus record is imported as an article.
 * Query lines: `{ "q": "…", "locale": "fr", "relevant": ["gnome-help/…"] }`.
 * Exits 1 when Cuecard scores below the thresholds set for that corpus and query set
 * (thresholds.ts), or when the corpus is missing.
 * `--expansion wordnet` expands English queries with WordNet (wordnet-expansion.ts);
 * `--synonyms <file.csv>` with a synonym file in the leads' import format (issue #18).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cuecardEngine, fts5Engine, miniSearchEngine, readCorpus, type Engine } from './engines';
import { checkThresholds, type Figures } from './thresholds';
import { queryExpansion } from './expansion-option';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

interface Judged {
  q: string;
  locale: string;
  relevant: string[];
}

function argValue(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1] as string) : fallback;
}

interface Score {
  rr: number;
  r1: number;
  r5: number;
}

async function evaluate(engine: Engine, queries: Judged[]): Promise<{ scores: Score[]; ms: number; misses: string[] }> {
  const scores: Score[] = [];
  const misses: string[] = [];
  const started = performance.now();
  for (const j of queries) {
    const ids = await engine.search(j.q, j.locale, 10);
    const rank = ids.findIndex((id) => j.relevant.includes(id));
    scores.push({ rr: rank >= 0 ? 1 / (rank + 1) : 0, r1: rank === 0 ? 1 : 0, r5: rank >= 0 && rank < 5 ? 1 : 0 });
    if (rank !== 0) misses.push(`  [${j.locale}] "${j.q}" → rank ${rank < 0 ? '>10' : rank + 1} (top: ${ids[0] ?? 'none'})`);
  }
  return { scores, ms: (performance.now() - started) / queries.length, misses };
}

function summary(scores: Score[]): string {
  const n = scores.length || 1;
  const mean = (k: keyof Score) => (scores.reduce((a, s) => a + s[k], 0) / n).toFixed(3);
  return `MRR@10 ${mean('rr')}  R@1 ${mean('r1')}  R@5 ${mean('r5')}  (n=${scores.length})`;
}

async function main(): Promise<number> {
  const corpusFile = argValue('corpus', path.resolve(root, '..', 'shared', 'corpus', 'gnome-help.ndjson'));
  const queriesFile = argValue('queries', path.join(here, 'queries.jsonl'));
  let entries;
  try {
    entries = readCorpus(corpusFile);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  // `--half tune|heldout`: the even or odd lines (1-based: odd lines tune), so expansion settings
  // are chosen on one half and reported on the other, never tuned on what they are judged by.
  const half = process.argv.includes('--half') ? process.argv[process.argv.indexOf('--half') + 1] : undefined;
  if (half !== undefined && half !== 'tune' && half !== 'heldout') throw new Error(`--half must be tune or heldout, not "${half}"`);
  const queries = fs
    .readFileSync(queriesFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Judged)
    .filter((_, i) => half === undefined || (half === 'tune') === (i % 2 === 0));
  const locales = [...new Set(queries.map((q) => q.locale))];
  console.log(`corpus ${corpusFile}: ${entries.length} entries; ${queries.length} queries in ${locales.length} locales (${locales.join(', ')})`);

  // `--only cuecard` skips the peers (quick tuning runs); the default compares all three.
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const cuecard = cuecardEngine(entries);
  const expansion = queryExpansion(process.argv, entries);
  cuecard.index.expansion = expansion?.expansion;
  if (expansion) console.log(`query expansion: ${expansion.label}`);
  const engines: Engine[] = [cuecard];
  if (!only || only === 'fts5') engines.push(await fts5Engine(entries));
  if (!only || only === 'minisearch') engines.push(miniSearchEngine(entries));
  if (only) engines.splice(0, engines.length, ...engines.filter((e) => e.name === only));
  const verbose = process.argv.includes('--verbose');
  const results: Record<string, Figures> = {};
  for (const engine of engines) {
    const { scores, ms, misses } = await evaluate(engine, queries);
    console.log(`\n${engine.name.padEnd(10)} ${summary(scores)}  ${ms.toFixed(2)} ms/query`);
    for (const locale of locales) {
      const mine = scores.filter((_, i) => queries[i]?.locale === locale);
      console.log(`  ${locale.padEnd(6)} ${summary(mine)}`);
    }
    if (verbose) console.log(misses.join('\n'));
    const n = scores.length;
    results[engine.name] = {
      mrr10: scores.reduce((a, s) => a + s.rr, 0) / n,
      r1: scores.reduce((a, s) => a + s.r1, 0) / n,
      r5: scores.reduce((a, s) => a + s.r5, 0) / n,
    };
    await engine.close();
  }
  console.log(JSON.stringify({ queries: queries.length, ...results }));
  const figures = results.cuecard;
  const check = figures && half === undefined ? checkThresholds(path.basename(corpusFile), path.basename(queriesFile), figures, expansion?.label ?? null) : null;
  if (!check) return 0;
  console.log(`\nthresholds for ${path.basename(queriesFile)} (tests/search-eval/thresholds.ts):\n${check.lines.join('\n')}`);
  if (check.ok) return 0;
  process.stderr.write(`search eval: Cuecard scores below its thresholds on ${path.basename(queriesFile)} (a ranking regression)\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eval failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
