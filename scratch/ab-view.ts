import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { loadIndex } from '../common/search/persist';
import { searchEntries, directSource } from '../common/search/entry-view';
import { ShownEntries } from '../main/search/shown-entries';

const CORPUS = '/work/wt/shared/corpus/gnome-help.ndjson';
async function corpusQueries(count: number): Promise<string[]> {
  const titles: string[] = [];
  const lines = readline.createInterface({ input: createReadStream(CORPUS, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { locale?: string; title?: string };
    if (record.locale === 'en' && record.title) titles.push(record.title);
  }
  const step = Math.max(1, Math.floor(titles.length / count));
  const queries: string[] = [];
  for (let i = 0; queries.length < count && i < titles.length; i += step) {
    const words = titles[i]!.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
    const query = words.slice(0, 3).join(' ');
    if (query.length >= 2) queries.push(query);
  }
  return queries;
}
const pct = (v: number[], p: number) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2); };
async function main() {
  const dir = process.argv[2]!;
  const loaded = loadIndex(dir + "/search-index")!;
  const index = loaded.index;
  const queries = await corpusQueries(200);
  const prefixes = queries.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
  const shown = new ShownEntries((id, l) => index.get(id, l));
  const direct = directSource(index);
  const eng: number[] = [], old: number[] = [], neu: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const p of prefixes) {
      const q = { query: p, locale: 'en', limit: 30 };
      let s = performance.now(); index.search(q); const e = performance.now() - s;
      s = performance.now(); const a = searchEntries(index, q, direct); const o = performance.now() - s;
      s = performance.now(); const b = searchEntries(index, q, shown); const n = performance.now() - s;
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`differs for ${p}`);
      if (round === 1) { eng.push(e); old.push(o); neu.push(n); }
    }
  }
  console.log(`engine only   p50 ${pct(eng, 0.5)} p95 ${pct(eng, 0.95)}`);
  console.log(`views direct  p50 ${pct(old, 0.5)} p95 ${pct(old, 0.95)}`);
  console.log(`views cached  p50 ${pct(neu, 0.5)} p95 ${pct(neu, 0.95)}  kept ${shown.size}`);
}
void main();
