/**
 * `npx tsx tests/bench/overlay-layout-trace.ts [--docs 5000] [--queries 20]`
 * Forced style and layout recalculations per keystroke in the overlay (issue #19): types queries
 * one key at a time as the overlay bench does (tests/bench/overlay-bench.ts, WebSocket bridge)
 * under a Chrome trace (tests/e2e/layout-trace.ts) and counts the renderer's style and layout
 * recalculations, forced and all, per keystroke; the forced ones are grouped by the script
 * frames that forced them. Counts do not depend on the machine's load, unlike times.
 * The last stdout line is JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../e2e/browser';
import { ensureRendererBuilt } from '../e2e/harness-process';
import { traceLayouts } from '../e2e/layout-trace';
import { openHarness } from '../harness/harness-app';
import { useSocketBridge } from '../harness/socket-bridge';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}
const DOCS = Number(flag('docs', '5000'));
const QUERIES = ['wifi keeps dropping', 'printer not found', 'change password', 'screen brightness', 'sound not working', 'keyboard layout', 'battery life', 'share files', 'dual monitors', 'bluetooth headset', 'night light', 'remove user', 'backup files', 'default browser', 'screen lock', 'touchpad scrolling', 'vpn setup', 'file permissions', 'font size', 'mouse speed'].slice(0, Number(flag('queries', '20')));
const recorderScript = readFileSync(new URL('./overlay-page-recorder.js', import.meta.url), 'utf8');

async function main(): Promise<void> {
  ensureRendererBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cuecard-trace-'));
  const harness = await openHarness({ port: 0, dataDir, docs: DOCS });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 720, height: 480 } });
    const page = await context.newPage();
    await useSocketBridge(page);
    await page.addInitScript({ content: recorderScript });
    await page.goto(harness.url);
    const field = page.getByRole('combobox', { name: 'Search replies and articles' });
    await field.waitFor();
    type BenchWindow = { __bench: { painted(prefix: string): Promise<unknown> } };
    const typeQuery = async (query: string) => {
      await field.fill('');
      await page.waitForTimeout(20);
      for (let i = 1; i <= query.length; i += 1) {
        await page.keyboard.type(query[i - 1]!);
        await page.evaluate((prefix) => (window as unknown as BenchWindow).__bench.painted(prefix), query.slice(0, i));
      }
    };
    await typeQuery('warm up');

    let keystrokes = 0;
    const trace = await traceLayouts(page, async () => {
      for (const query of QUERIES) {
        await typeQuery(query);
        keystrokes += query.length;
      }
    });
    const culprits = new Map<string, number>();
    for (const f of trace.forced) {
      const where = `${f.kind}: ${f.frames.slice(0, 3).join(' < ')}`;
      culprits.set(where, (culprits.get(where) ?? 0) + 1);
    }
    const forced = (kind: 'style' | 'layout', fromApp: boolean) => trace.forced.filter((f) => f.kind === kind && (!fromApp || f.url !== '')).length;
    const per = (n: number) => Number((n / keystrokes).toFixed(2));
    console.log(`${keystrokes} keystrokes over ${QUERIES.length} queries (each query's field cleared first), ${DOCS} entries`);
    for (const [where, n] of [...culprits].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${String(n).padStart(6)}  ${where}`);
    console.log(
      JSON.stringify({
        keystrokes,
        forced_style_per_key: per(forced('style', false)),
        forced_layout_per_key: per(forced('layout', false)),
        // Without the driver's own (playwright's injected scripts, URL '': its role queries read styles).
        app_forced_style_per_key: per(forced('style', true)),
        app_forced_layout_per_key: per(forced('layout', true)),
        style_per_key: per(trace.style),
        layout_per_key: per(trace.layout),
      }),
    );
  } finally {
    await browser.close();
    await harness.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`overlay layout trace failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
