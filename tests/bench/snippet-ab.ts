/**
 * `npx tsx tests/bench/snippet-ab.ts [--rounds 4] [--corpus <file.ndjson>]`
 * CPU per search of the snippet's first match, before (tokenizing each shown body until its first
 * matched word: tests/helpers/scanned-first-match.ts) and after (each body's term offsets kept:
 * common/search/first-match.ts), alternating A/B in one process so load hits both alike (issue
 * #19). Every prefix of the eval's queries, 30 hits a search as the overlay asks, entries and
 * their snippet text kept between searches as main keeps them (main/search/shown-entries.ts).
 * Also the whole search (engine + views, with "after") for scale. Prints one line per round and
 * a JSON line of the totals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Matcher } from '../../common/search/highlight';
import { CuecardIndex } from '../../common/search/cuecard-index';
import { MAX_SCAN, searchEntries, snippetAround, snippetText } from '../../common/search/entry-view';
import { ShownEntries } from '../../main/search/shown-entries';
import { scannedFirstMatch } from '../helpers/scanned-first-match';
import { readCorpus } from '../search-eval/engines';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const rounds = Number(arg('rounds') ?? 4);
const corpus = arg('corpus') ?? path.resolve(here, '..', '..', '..', 'shared', 'corpus', 'gnome-help.ndjson');

const index = new CuecardIndex();
index.build(readCorpus(corpus));
const shown = new ShownEntries((id, locale) => index.get(id, locale));
const searches = fs
  .readFileSync(path.join(here, '..', 'search-eval', 'queries.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { q: string; locale: string })
  .flatMap(({ q, locale }) => Array.from(q, (_, i) => ({ query: q.slice(0, i + 1), locale, limit: 30 })))
  .filter((s) => s.query.trim() !== '');

// The snippets' inputs, in the order the overlay would ask for them: one list per search.
const asked: Array<Array<{ source: string; matched: Matcher }>> = searches.map((query) =>
  index.search(query).flatMap((hit) => {
    const entry = shown.entry(hit.id, hit.locale);
    return entry ? [{ source: shown.sourceText(entry), matched: hit.matched }] : [];
  }),
);

const cpuMs = (run: () => void): number => {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const before = () => {
  for (const list of asked) for (const { source, matched } of list) snippetAround(source, scannedFirstMatch(source.length > MAX_SCAN ? source.slice(0, MAX_SCAN) : source, matched));
};
const after = () => {
  for (const list of asked) for (const { source, matched } of list) snippetText(source, matched);
};
const whole = () => {
  for (const query of searches) searchEntries(index, query, shown);
};

const totals = { before: 0, after: 0, whole: 0 };
const per = (ms: number) => ((ms / searches.length) * 1000).toFixed(1);
for (let round = 0; round < rounds; round += 1) {
  const a = cpuMs(before);
  const b = cpuMs(after);
  const w = cpuMs(whole);
  totals.before += a;
  totals.after += b;
  totals.whole += w;
  console.log(`round ${round + 1}: first match + snippet ${per(a)} µs before, ${per(b)} µs after a search; whole search (after) ${per(w)} µs`);
}
console.log(
  JSON.stringify({
    searches: searches.length,
    hits: asked.reduce((n, l) => n + l.length, 0),
    beforeUsPerSearch: Number(per(totals.before / rounds)),
    afterUsPerSearch: Number(per(totals.after / rounds)),
    ratio: Number((totals.before / totals.after).toFixed(2)),
    wholeSearchUs: Number(per(totals.whole / rounds)),
  }),
);
