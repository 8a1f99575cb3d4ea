import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../tests/e2e/browser';
import { attachCdpBridge } from '../tests/harness/cdp-bridge';
import { openHarness } from '../tests/harness/harness-app';

async function main() {
  const h = await openHarness({ port: 0, dataDir: mkdtempSync(path.join(os.tmpdir(), 'ks-micro-')), docs: 3000 });
  const browser = await launchBrowser();
  const pages: Record<string, import('playwright-core').Page> = {};
  for (const b of ['cdp', 'http']) {
    const page = await (await browser.newContext()).newPage();
    if (b === 'cdp') await attachCdpBridge(page, h, console.error);
    await page.goto(h.url);
    await page.getByRole('combobox', { name: 'Search replies and articles' }).waitFor();
    pages[b] = page;
  }
  const all: Record<string, number[]> = { cdp: [], http: [] };
  const main: Record<string, number[]> = { cdp: [], http: [] };
  for (let round = 0; round < 6; round++) {
    for (const b of ['cdp', 'http']) {
      const r = await pages[b]!.evaluate(async () => {
        const out: number[] = [];
        const words = ['p', 'pr', 'pri', 'prin', 'print', 'printe', 'printer', 'w', 'wi', 'wif', 'wifi'];
        for (let i = 0; i < 110; i++) {
          const s = performance.now();
          await (window as any).cuecard.search({ query: words[i % words.length], locale: 'en', limit: 30 });
          out.push(performance.now() - s);
        }
        return out;
      });
      if (round > 0) all[b]!.push(...r);
    }
  }
  const pct = (v: number[], p: number) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2); };
  for (const b of ['cdp', 'http']) console.log(`${b}: round trip p50 ${pct(all[b]!, 0.5)} p95 ${pct(all[b]!, 0.95)} n=${all[b]!.length}`);
  void main;
  await browser.close();
  await h.close();
  process.exit(0);
}
void main();
