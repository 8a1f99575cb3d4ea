/** Starts the render worker (common/workers/bundled-worker.ts: the built file, or the sources bundled once). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startBundledWorker } from '../../common/workers/bundled-worker';
import { RENDER_WORKER_HEAP_MB } from './render-pool';

/** A worker that has loaded its code (it says `ready`). */
export function spawnRenderWorker(): Promise<Worker> {
  return startBundledWorker(path.dirname(fileURLToPath(import.meta.url)), 'render-worker', { maxOldGenerationSizeMb: RENDER_WORKER_HEAP_MB });
}
