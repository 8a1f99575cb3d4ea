/** `npm run gen:policy`: writes the policy templates under deploy/ (`--check` only compares). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyArtefacts } from './policy-templates';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const check = process.argv.includes('--check');
let stale = 0;
for (const file of policyArtefacts()) {
  const target = path.join(root, file.path);
  let current: string | null;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = null;
  }
  if (current === file.content) continue;
  if (check) {
    console.error(`${file.path} is out of date: run npm run gen:policy`);
    stale++;
  } else {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    console.log(`wrote ${file.path}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
