#!/usr/bin/env node
// `npm run screenshots`: makes the README's screenshots again and copies them to docs/screenshots.
// The end-to-end tests write theirs to out/screenshots (ignored by git), so `npm test` leaves the
// tree clean; updating the README's copies is this explicit step, committed like any change.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const made = path.join(root, 'out/screenshots');
const readmeCopies = path.join(root, 'docs/screenshots');
const TESTS = ['tests/e2e/search.test.ts', 'tests/e2e/fill-and-insert.test.ts', 'tests/e2e/reader-and-security.test.ts', 'tests/e2e/library-story.test.ts'];

const run = (args) => spawnSync('npx', args, { cwd: root, stdio: 'inherit' }).status === 0;
if (!run(['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']) || !run(['vitest', 'run', '--project', 'e2e', ...TESTS])) {
  console.error('npm run screenshots: the end-to-end tests that make the screenshots failed; docs/screenshots is unchanged.');
  process.exit(1);
}
const wanted = readdirSync(readmeCopies).filter((name) => name.endsWith('.png'));
const missing = wanted.filter((name) => !existsSync(path.join(made, name)));
if (missing.length > 0) {
  console.error(`npm run screenshots: the tests did not make ${missing.join(', ')}; docs/screenshots is unchanged.`);
  process.exit(1);
}
for (const name of wanted) copyFileSync(path.join(made, name), path.join(readmeCopies, name));
console.log(`updated ${wanted.length} screenshots in docs/screenshots (review with git diff, then commit)`);
