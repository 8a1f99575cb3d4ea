/**
 * Starts the render worker. The app's build emits `render-worker.js` beside the main bundle
 * (electron.vite.config.ts); when main runs from TypeScript sources (tests, the harness, the
 * CLI under tsx) the worker is bundled once with esbuild into a temp file, because a worker
 * thread cannot load .ts files.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RENDER_WORKER_HEAP_MB } from './render-pool';

let bundled: Promise<string> | null = null;

async function workerFile(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = path.join(here, 'render-worker.js');
  if (existsSync(built)) return built;
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'cuecard-render-worker-')), 'render-worker.mjs');
    await build({
      entryPoints: [path.join(here, 'render-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      // CommonJS dependencies (liquidjs) call require(): give the ES module bundle one.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    return outfile;
  })();
  return bundled;
}

/** A worker that has loaded its code (it says `ready`). */
export async function spawnRenderWorker(): Promise<Worker> {
  const worker = new Worker(await workerFile(), { resourceLimits: { maxOldGenerationSizeMb: RENDER_WORKER_HEAP_MB } });
  worker.unref(); // an idle render worker must not keep a CLI or test process alive
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the render worker exited with code ${code} while starting`)));
  });
  worker.removeAllListeners('error').removeAllListeners('exit');
  // An error (e.g. ERR_WORKER_OUT_OF_MEMORY) is followed by 'exit', which the pool answers; without
  // a listener it would be thrown as an uncaught error in the main process.
  worker.on('error', () => undefined);
  return worker;
}
