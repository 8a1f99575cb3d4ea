#!/usr/bin/env node
// `npm test`: the whole suite, in order — type-check every process, ESLint, unit and integration
// tests (vitest, real sqlite3), then end-to-end tests of the renderer in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CUECARD_CHROMIUM ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  console.error(
    `npm test needs Chromium for the end-to-end tests, and ${CHROMIUM} does not exist.\n` +
      'Install it from your distribution, e.g. on Debian/Ubuntu:\n\n' +
      '    sudo apt-get update && sudo apt-get install -y chromium\n\n' +
      'or point CUECARD_CHROMIUM at an existing Chromium/Chrome binary. (Never `npx playwright install`.)',
  );
  process.exit(1);
}

const steps = [
  ['type-check', 'npx', ['tsc', '-b']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['dead code (knip)', 'npm', ['run', 'lint:dead']],
  ['unit and integration tests', 'npx', ['vitest', 'run', '--project', 'node']],
  ['build renderer', 'npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']],
  ['end-to-end tests (Chromium)', 'npx', ['vitest', 'run', '--project', 'e2e']],
];

for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, CUECARD_CHROMIUM: CHROMIUM } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
