/**
 * `npx tsx tests/search-eval/diagnose.ts [--all]`: for each judged query Cuecard does not rank
 * first, prints the top 3 (title, score) and where the relevant entry landed, to reason about
 * why a ranking goes wrong before changing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CuecardIndex } from '../../common/search/cuecard-index';
import { searchEntries } from '../../common/search/entry-view';
import { readCorpus } from './engines';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpusAt = process.argv.indexOf('--corpus');
const corpus = corpusAt >= 0 ? (process.argv[corpusAt + 1] as string) : path.resolve(here, '..', '..', '..', 'shared', 'corpus', 'gnome-help.ndjson');
const queriesAt = process.argv.indexOf('--queries');
const queriesFile = queriesAt >= 0 ? (process.argv[queriesAt + 1] as string) : path.join(here, 'queries.jsonl');
const index = new CuecardIndex();
index.build(readCorpus(corpus));
const queries = fs
  .readFileSync(queriesFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { q: string; locale: string; relevant: string[] });
for (const j of queries) {
  const hits = searchEntries(index, { query: j.q, locale: j.locale, fallbackLocales: ['en'], limit: 50 });
  const rank = hits.findIndex((h) => j.relevant.includes(h.id));
  if (rank === 0 && !process.argv.includes('--all')) continue;
  console.log(`[${j.locale}] "${j.q}" → rank ${rank < 0 ? '>50' : rank + 1}`);
  for (const h of hits.slice(0, 3)) console.log(`    ${h.score.toFixed(3)} ${h.locale} ${h.id}  «${h.title}»`);
  if (rank >= 3) console.log(`  * ${hits[rank]?.score.toFixed(3)} ${hits[rank]?.id}  «${hits[rank]?.title}»`);
}
