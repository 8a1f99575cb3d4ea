/** The README's 20-line bot is docs/examples/answer-bot.mjs, which the README runner runs: the two must not drift. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

it('shows docs/examples/answer-bot.mjs in the README as it is, in 20 lines', () => {
  const bot = fs.readFileSync(path.join(root, 'docs/examples/answer-bot.mjs'), 'utf8');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  expect(bot.trimEnd().split('\n')).toHaveLength(20);
  expect(readme).toContain(`\`\`\`js\n${bot}\`\`\``);
});
