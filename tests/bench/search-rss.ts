/**
 * The app's steady-state memory for bench:search: a fresh process loads the persisted index and
 * runs the searches the bench typed (every prefix of its queries, given in the file, so each
 * locale's postings are read and the caches fill, as in an agent's day), then prints `{"rss_mb":…,"heap_mb":…}`. Measured in the
 * bench's own process, RSS also held what the allocator kept from building 110,000 entries and
 * the replicated corpus (482 and 602 MB in two runs of the same code, 30 Nov 2026).
 *
 * `node --expose-gc --import tsx tests/bench/search-rss.ts <index dir> <queries.json>`
 */
import fs from 'node:fs';
import { searchEntries } from '../../common/search/entry-view';
import { loadIndex } from '../../common/search/persist';

const [dir, queriesFile] = process.argv.slice(2);
if (!dir || !queriesFile) throw new Error('usage: search-rss.ts <index dir> <queries.json>');
const loaded = loadIndex(dir);
if (!loaded) throw new Error(`no index in ${dir}`);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')) as Array<{ q: string; locale: string }>;
for (const { q, locale } of queries) searchEntries(loaded.index, { query: q, locale, limit: 10 });
(globalThis as { gc?: () => void }).gc?.();
const mem = process.memoryUsage();
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));
process.stdout.write(`${JSON.stringify({ rss_mb: mb(mem.rss), heap_mb: mb(mem.heapUsed) })}\n`);
loaded.index.clear();
