/**
 * `npx tsx tests/search-eval/wordnet-tune.ts '<variants.json>' [--half tune|heldout|all] [--cpu]`
 * Scores WordNet expansion variants (each a partial WordnetOptions over DEFAULT_WORDNET, with an
 * optional "name") in one process: the index, WordNet and the corpus statistics are built once.
 * Per variant: MRR@10 / R@1 / R@5 on the paraphrase set's half (tune by default: choices are
 * made there, never on the held-out half), and on the two existing query sets, which expansion
 * must not lower. `--cpu`: the CPU time per query of the engine with and without the variant
 * (alternating, so load hits both alike) and of computing its alternatives.
 * `--exceptions <dir>`: WordNet's exception lists (noun.exc…).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQuery } from '../../common/search/query';
import { cuecardEngine, readCorpus } from './engines';
import { corpusStats } from './expansion-option';
import { WordnetData } from './wordnet-data';
import { DEFAULT_WORDNET, WordnetExpansion, type WordnetOptions } from './wordnet-expansion';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);

interface Judged {
  q: string;
  locale: string;
  relevant: string[];
}

function readQueries(file: string, half: string): Judged[] {
  return fs
    .readFileSync(path.join(here, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Judged)
    .filter((_, i) => half === 'all' || (half === 'tune') === (i % 2 === 0));
}

const half = arg('half') ?? 'tune';
const variants = JSON.parse(process.argv[2] ?? '[{}]') as Array<Partial<WordnetOptions> & { name?: string }>;
const entries = readCorpus(path.resolve(here, '..', '..', '..', 'shared', 'corpus', 'gnome-help.ndjson'));
const engine = cuecardEngine(entries);
const data = new WordnetData(arg('exceptions'));
const shares = corpusStats(entries, 'en');
const sets: Array<[string, Judged[]]> = [
  [`paraphrase/${half}`, readQueries('queries-paraphrase.jsonl', half)],
  ['queries', readQueries('queries.jsonl', 'all')],
  ['holdout', readQueries('queries-holdout.jsonl', 'all')],
];

function figures(queries: readonly Judged[]): string {
  let rr = 0;
  let r1 = 0;
  let r5 = 0;
  for (const j of queries) {
    const rank = (engine.search(j.q, j.locale, 10) as string[]).findIndex((id) => j.relevant.includes(id));
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank === 0) r1 += 1;
    if (rank >= 0 && rank < 5) r5 += 1;
  }
  const n = queries.length;
  return `${(rr / n).toFixed(4)} / ${(r1 / n).toFixed(3)} / ${(r5 / n).toFixed(3)}`;
}

/** CPU microseconds per query of `run` over the paraphrase set, `rounds` times. */
function cpuPerQuery(queries: readonly Judged[], run: (j: Judged) => unknown): number {
  const start = process.cpuUsage();
  for (const j of queries) run(j);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / queries.length;
}

for (const { name, ...variant } of variants) {
  const expansion = new WordnetExpansion(data, { ...DEFAULT_WORDNET, ...variant }, shares);
  engine.index.expansion = expansion;
  const line = sets.map(([label, queries]) => `${label} ${figures(queries)}`).join('   ');
  console.log(`${(name ?? JSON.stringify(variant)).padEnd(40)} ${line}`);
  if (process.argv.includes('--cpu')) {
    // A fresh expansion per round: every word looked up in WordNet anew (its per-word cache cold),
    // the most a query costs; typing repeats the words before, which then cost a map look-up.
    const queries = readQueries('queries-paraphrase.jsonl', 'all');
    const alts = queries.reduce((a, j) => a + expansion.alternatives(parseQuery(j.q).map((t) => t.term), j.locale).length, 0) / queries.length;
    const totals = { off: 0, on: 0, alternatives: 0 };
    const rounds = 6;
    for (let round = 0; round < rounds; round += 1) {
      engine.index.expansion = undefined;
      totals.off += cpuPerQuery(queries, (j) => engine.search(j.q, j.locale, 10));
      engine.index.expansion = new WordnetExpansion(data, { ...DEFAULT_WORDNET, ...variant }, shares);
      totals.on += cpuPerQuery(queries, (j) => engine.search(j.q, j.locale, 10));
      const fresh = new WordnetExpansion(data, { ...DEFAULT_WORDNET, ...variant }, shares);
      totals.alternatives += cpuPerQuery(queries, (j) => fresh.alternatives(parseQuery(j.q).map((t) => t.term), j.locale));
    }
    const ms = (us: number) => (us / rounds / 1000).toFixed(3);
    console.log(`    CPU per query: engine ${ms(totals.off)} ms without, ${ms(totals.on)} ms with (alternatives alone ${ms(totals.alternatives)} ms); ${alts.toFixed(1)} alternatives per query`);
  }
}
