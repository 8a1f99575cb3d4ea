import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The renderer build, shared with electron-vite (electron.vite.config.ts reuses `rendererConfig`).
 * Paths are relative to this file so the config works from any working directory.
 */
const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

export const rendererConfig: UserConfig = {
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // The CSP forbids inline scripts; keep every asset a separate file (no data: module preloads).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome130',
    sourcemap: false,
    // Two pages: the overlay and the Library window (issue #14), each its own entry.
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        library: fileURLToPath(new URL('./library.html', import.meta.url)),
      },
    },
  },
};

export default defineConfig(rendererConfig);
