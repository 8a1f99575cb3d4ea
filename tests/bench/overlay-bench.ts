/**
 * Overlay latency in Debian's Chromium against the real core services (browser harness):
 *  - keystroke → results painted: every prefix of 200 queries, typed one key at a time, from the
 *    keydown's timestamp to the `cuecard:results-painted` mark the renderer sets in the
 *    animation frame that first shows those results;
 *  - show → first painted frame: POST /harness/show (the hotkey) → the page's 'shown' handler →
 *    `cuecard:shown-painted` mark in the next animation frame (includes the event transport).
 * `npm run bench:overlay -- [--docs 100000] [--queries 200] [--corpus path] [--bridge cdp|http|cdp,http]`.
 * The harness runs in this process; the page reaches its router over `--bridge`: `cdp` (default)
 * is a DevTools-protocol binding, one message each way as Electron's IPC (tests/harness/cdp-bridge.ts);
 * `http` is the loopback HTTP bridge the e2e tests use. With two, each is measured in turn on the
 * same harness (same index, same load) and the JSON line's figures are the first one's, the
 * second's keystroke figures added under its name (`http_keystroke_p95_ms`). The last stdout line
 * is JSON, with `bridge` naming the one its figures used; the goals (keystroke p95 ≤ 33 ms,
 * show ≤ 50 ms) are checked on stderr, exit 1 if missed.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { ensureRendererBuilt, PROJECT_ROOT } from '../e2e/harness-process';
import { attachCdpBridge } from '../harness/cdp-bridge';
import { openHarness, type OpenHarness } from '../harness/harness-app';
import { overlayGoals, reportGoals } from './goals';
import { addSample, phaseLines, type PhaseSamples } from './phases';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}
const DOCS = Number(flag('docs', '100000'));
const QUERY_COUNT = Number(flag('queries', '200'));
const SHOWS = 30;
const CORPUS = path.resolve(flag('corpus', path.join(PROJECT_ROOT, '../shared/corpus/gnome-help.ndjson')));
const BRIDGES = flag('bridge', 'cdp').split(',');
type Bridge = 'cdp' | 'http';
for (const b of BRIDGES) {
  if (b !== 'cdp' && b !== 'http') {
    console.error(`--bridge takes cdp, http or both (cdp,http); got "${b}".`);
    process.exit(2);
  }
}

/** Realistic agent queries: the first words of English titles spread across the corpus. */
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

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? NaN) * 10) / 10;
}

interface BenchWindow {
  __bench: { keydowns: number[]; marks: { name: string; t: number; detail: unknown }[] };
}

/**
 * Installed before the app loads: every keydown timestamp and every performance mark is kept in
 * the page, so no measurement depends on when the test driver gets to look.
 */
function recordInPage(): void {
  const bench: BenchWindow['__bench'] = { keydowns: [], marks: [] };
  (window as unknown as BenchWindow).__bench = bench;
  window.addEventListener('keydown', (event) => bench.keydowns.push(event.timeStamp), true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.marks.push({ name: entry.name, t: entry.startTime, detail: (entry as PerformanceMark).detail });
  }).observe({ type: 'mark' });
}

const markCount = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench.marks.length);

/** One keystroke's trace (ms from its keydown), read from the page's marks; null where a mark is missing. */
interface KeystrokeTrace {
  ms: number;
  sent: number | null;
  answered: number | null;
  mainMs: number | null;
  committed: number | null;
}

async function measureKeystrokes(page: Page, queries: string[], traces: KeystrokeTrace[] = []): Promise<number[]> {
  const field = page.getByRole('combobox', { name: 'Search replies and articles' });
  const samples: number[] = [];
  for (const query of queries) {
    await field.fill('');
    await page.waitForTimeout(20);
    for (let i = 1; i <= query.length; i += 1) {
      const before = await markCount(page);
      await page.keyboard.type(query[i - 1]!);
      const painted = await page.waitForFunction(
        ({ from, prefix }) => {
          // No named functions in here: the bundler's name helper does not exist in the page.
          const bench = (window as unknown as BenchWindow).__bench;
          const first: Record<string, { t: number; detail: unknown }> = {};
          for (const m of bench.marks.slice(from)) {
            if ((m.detail as { query?: string } | null)?.query === prefix && !(m.name in first)) first[m.name] = m;
          }
          const mark = first['cuecard:results-painted'];
          if (!mark) return null;
          const keydown = bench.keydowns[bench.keydowns.length - 1]!;
          const sent = first['cuecard:bridge-sent'];
          const answered = first['cuecard:bridge-answered'];
          const committed = first['cuecard:results-committed'];
          return {
            ms: mark.t - keydown,
            sent: sent ? sent.t - keydown : null,
            answered: answered ? answered.t - keydown : null,
            mainMs: (answered?.detail as { mainMs?: number | null } | undefined)?.mainMs ?? null,
            committed: committed ? committed.t - keydown : null,
          };
        },
        { from: before, prefix: query.slice(0, i) },
        { polling: 'raf', timeout: 10_000 },
      );
      const trace = (await painted.jsonValue()) as KeystrokeTrace;
      samples.push(trace.ms);
      traces.push(trace);
    }
  }
  return samples;
}

const KEYSTROKE_PHASES = ['keydown → request sent', 'bridge transport', 'main (search)', 'answer → React commit', 'commit → frame', 'total'];

/** Splits each keystroke at its marks (a keystroke whose mark is missing counts in `total` only). */
function keystrokePhases(traces: readonly KeystrokeTrace[]): PhaseSamples {
  const phases: PhaseSamples = {};
  for (const t of traces) {
    addSample(phases, 'total', t.ms);
    if (t.sent === null || t.answered === null || t.mainMs === null || t.committed === null) continue;
    addSample(phases, 'keydown → request sent', t.sent);
    addSample(phases, 'bridge transport', t.answered - t.sent - t.mainMs);
    addSample(phases, 'main (search)', t.mainMs);
    addSample(phases, 'answer → React commit', t.committed - t.answered);
    addSample(phases, 'commit → frame', t.ms - t.committed);
  }
  return phases;
}

async function measureShow(page: Page, url: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < SHOWS; i += 1) {
    const before = await markCount(page);
    const response = await fetch(new URL('harness/show', url), { method: 'POST' });
    if (!response.ok) throw new Error(`POST /harness/show answered HTTP ${response.status}`);
    const painted = await page.waitForFunction(
      (from) => {
        const mark = (window as unknown as BenchWindow).__bench.marks.slice(from).find((m) => m.name === 'cuecard:shown-painted');
        // `at` is the harness's wall clock when the hotkey fired; same machine, same clock.
        return mark ? { ms: performance.timeOrigin + mark.t - (mark.detail as { at: number }).at } : null;
      },
      before,
      { polling: 'raf', timeout: 10_000 },
    );
    samples.push(((await painted.jsonValue()) as { ms: number }).ms);
    await page.waitForTimeout(50);
  }
  return samples;
}

/** One bridge's page, its keystroke figures and their per-phase breakdown (on stderr). */
async function measureBridge(browser: Browser, harness: OpenHarness, bridge: Bridge, queries: string[]): Promise<{ page: Page; keystrokes: number[] }> {
  const context = await browser.newContext({ viewport: { width: 720, height: 480 } });
  const page = await context.newPage();
  if (bridge === 'cdp') {
    await attachCdpBridge(page, harness, (error) => console.error(`cdp bridge: ${error instanceof Error ? error.stack : String(error)}`));
  }
  await page.addInitScript(recordInPage);
  await page.goto(harness.url);
  await page.getByRole('combobox', { name: 'Search replies and articles' }).waitFor();
  // Warm-up: the first searches pay for JIT and caches the agent pays only once per session.
  await measureKeystrokes(page, queries.slice(0, 3));
  const traces: KeystrokeTrace[] = [];
  const keystrokes = await measureKeystrokes(page, queries, traces);
  const title = `keystroke → paint per phase, over the ${bridge === 'cdp' ? 'DevTools-protocol' : 'HTTP'} bridge of the harness`;
  for (const line of phaseLines(title, keystrokePhases(traces), KEYSTROKE_PHASES)) console.error(line);
  console.log(`${bridge}: keystroke → results painted: p50 ${percentile(keystrokes, 50)} ms, p95 ${percentile(keystrokes, 95)} ms over ${keystrokes.length} keystrokes`);
  return { page, keystrokes };
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.error(`overlay bench needs the shared corpus at ${CORPUS} (or --corpus <file>); it is missing.`);
    process.exit(2);
  }
  const queries = await corpusQueries(QUERY_COUNT);
  const started = Date.now();
  ensureRendererBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cuecard-bench-'));
  const harness = await openHarness({ port: 0, dataDir, docs: DOCS });
  console.error(`harness with ${DOCS} entries ready in ${((Date.now() - started) / 1000).toFixed(1)} s (bridges: ${BRIDGES.join(', ')})`);
  const browser = await launchBrowser();
  try {
    const runs: Array<{ bridge: Bridge; page: Page; keystrokes: number[] }> = [];
    for (const bridge of BRIDGES as Bridge[]) runs.push({ bridge, ...(await measureBridge(browser, harness, bridge, queries)) });
    const [first, ...others] = runs as [(typeof runs)[number], ...typeof runs];
    const shows = await measureShow(first.page, harness.url);
    const result: Record<string, number | string> = {
      entries: DOCS,
      bridge: first.bridge,
      queries: queries.length,
      keystrokes: first.keystrokes.length,
      keystroke_p50_ms: percentile(first.keystrokes, 50),
      keystroke_p95_ms: percentile(first.keystrokes, 95),
      keystroke_max_ms: percentile(first.keystrokes, 100),
      show_to_paint_ms: percentile(shows, 50),
      show_to_paint_p95_ms: percentile(shows, 95),
    };
    for (const other of others) {
      result[`${other.bridge}_keystroke_p50_ms`] = percentile(other.keystrokes, 50);
      result[`${other.bridge}_keystroke_p95_ms`] = percentile(other.keystrokes, 95);
    }
    console.log(`show → first painted frame: p50 ${result.show_to_paint_ms} ms, p95 ${result.show_to_paint_p95_ms} ms over ${SHOWS} shows`);
    console.log(JSON.stringify(result));
    const met = reportGoals(overlayGoals({ keystroke_p95_ms: percentile(first.keystrokes, 95), show_to_paint_ms: percentile(shows, 50) }));
    if (!met) process.exitCode = 1;
  } finally {
    await browser.close();
    await harness.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`overlay bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
