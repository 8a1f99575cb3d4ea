/**
 * Builds the three Electron targets. The renderer uses the same Vite settings as the browser
 * harness (renderer/vite.config.ts). The preload is bundled as CommonJS with its imports inlined:
 * sandboxed preloads cannot load ES modules or node_modules. The test harness (tests/harness) is
 * not an entry here, so it can never ship in the app bundle.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      // The render worker and the signature verifier are their own entries: common/workers/bundled-worker.ts starts them by file.
      rollupOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          'render-worker': resolve(root, 'main/templates/render-worker.ts'),
          'verify-worker': resolve(root, 'main/signing/verify-worker.ts'),
          'check-worker': resolve(root, 'main/signing/check-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve(root, 'renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html'), library: resolve(root, 'renderer/library.html') } },
    },
  },
});
