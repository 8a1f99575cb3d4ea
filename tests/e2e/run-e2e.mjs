#!/usr/bin/env node
// `npm run test:e2e`: builds the renderer, then runs the end-to-end tests in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CUECARD_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`End-to-end tests need Chromium at ${chromium}: sudo apt-get install -y chromium (or set CUECARD_CHROMIUM).`);
  process.exit(1);
}
const steps = [
  ['npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']],
  ['npx', ['vitest', 'run', '--project', 'e2e', ...process.argv.slice(2)]],
];
for (const [command, args] of steps) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
