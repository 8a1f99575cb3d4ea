/**
 * Starts a worker thread from a file of its own (the app's render worker and signature verifier,
 * the server's ranking thread). The app's build emits `<name>.js` beside the main bundle
 * (electron.vite.config.ts); when code runs from TypeScript sources (the server, tests, the
 * harness, the CLI and benches under tsx) the worker is bundled once with esbuild into a temp
 * file, because a worker thread cannot load .ts files.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

const bundled = new Map<string, Promise<string>>();

async function workerFile(dir: string, name: string): Promise<string> {
  const built = path.join(dir, `${name}.js`);
  if (existsSync(built)) return built;
  const source = path.join(dir, `${name}.ts`);
  let file = bundled.get(source);
  if (!file) {
    file = (async () => {
      const { build } = await import('esbuild');
      const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), `cuecard-${name}-`)), `${name}.mjs`);
      await build({
        entryPoints: [source],
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
    bundled.set(source, file);
  }
  return file;
}

/**
 * A worker that has loaded its code: it posts one message (any) when ready. `dir` is the folder
 * of the calling module (`path.dirname(fileURLToPath(import.meta.url))`), where `<name>.ts` lives
 * in the sources and `<name>.js` in the build.
 */
export async function startBundledWorker(dir: string, name: string, resourceLimits?: ResourceLimits): Promise<Worker> {
  const worker = new Worker(await workerFile(dir, name), resourceLimits ? { resourceLimits } : {});
  worker.unref(); // an idle worker must not keep a CLI or test process alive
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the ${name} exited with code ${code} while starting`)));
  });
  worker.removeAllListeners('error').removeAllListeners('exit');
  // An error (e.g. ERR_WORKER_OUT_OF_MEMORY) is followed by 'exit', which the owner answers;
  // without a listener it would be thrown as an uncaught error in the main process.
  worker.on('error', () => undefined);
  return worker;
}
