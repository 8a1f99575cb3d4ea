import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { openHarness } from '../tests/harness/harness-app';
import { APP_ENTRY_URL } from '../common/ipc-channels';
import { CHANNELS } from '../common/ipc-contract';

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
  const dataDir = process.argv[2] ?? '/tmp/ks-profile-data';
  const t0 = Date.now();
  const h = await openHarness({ port: 0, dataDir, docs: 100000 });
  console.error(`ready in ${Date.now() - t0} ms`);
  await new Promise((r) => setTimeout(r, 3000));
  const queries = await corpusQueries(200);
  const prefixes = queries.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
  for (let round = 0; round < Number(process.argv[3] ?? 2); round += 1) {
    const times: number[] = []; let bytes = 0;
    for (const p of prefixes) {
      const s = performance.now();
      const a = await h.router.dispatch(CHANNELS.search, APP_ENTRY_URL, { query: p, locale: 'en', limit: 30 });
      const json = JSON.stringify(a);
      times.push(performance.now() - s);
      bytes += json.length;
    }
    console.error(`round ${round}: ${prefixes.length} dispatches p50 ${pct(times, 0.5)} p95 ${pct(times, 0.95)} max ${pct(times, 1)} avg bytes ${Math.round(bytes / prefixes.length)}`);
  }
  await h.close();
  process.exit(0);
}
void main();
