import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../common/csp.js';

/**
 * The renderer build, shared with electron-vite (electron.vite.config.ts reuses `rendererConfig`).
 * Paths are relative to this file so the config works from any working directory.
 */
const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The head every page (index.html, library.html) shares, put in by the build so the pages hold
 * only their title and script: the CSP from common/csp.ts (the one the app:// handler sends),
 * viewport, colour schemes, and an empty icon (no favicon request).
 */
function sharedHead(): Plugin {
  // Without frame-ancestors, which only a header can carry (Chromium reports it as an error in a meta).
  const policy = CONTENT_SECURITY_POLICY.split('; ').filter((directive) => !directive.startsWith('frame-ancestors ')).join('; ');
  const meta = (attrs: Record<string, string>) => ({ tag: 'meta', attrs, injectTo: 'head-prepend' as const });
  return {
    name: 'cuecard-shared-head',
    transformIndexHtml: () => [
      meta({ charset: 'UTF-8' }),
      meta({ 'http-equiv': 'Content-Security-Policy', content: policy }),
      meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      meta({ name: 'color-scheme', content: 'light dark' }),
      { tag: 'link', attrs: { rel: 'icon', href: 'data:,' }, injectTo: 'head-prepend' },
    ],
  };
}

export const rendererConfig: UserConfig = {
  root: rendererRoot,
  base: './',
  plugins: [sharedHead(), react()],
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
