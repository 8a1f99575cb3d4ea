import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { portsIn, printsLine, readmeCommands, substitute } from '../../readme/readme-blocks';

const sample = [
  '<!-- readme-runner: skip, needs Electron -->',
  '```sh',
  'npm start',
  '```',
  '',
  '```sh',
  '# a comment line is not a command',
  'LEAD=$(npm run -s server -- token create --data-dir /tmp/cuecard-demo/server)   # → database: SQLite database /tmp/cuecard-demo/server/x.db',
  'npm run cli -- publish a.ndjson \\',
  '  --server http://127.0.0.1:8787 --token "$LEAD"   # → published … entries',
  '```',
  '<!-- readme-runner: background -->',
  '```sh',
  'npm run server -- --port 8787   # → listening on http://127.0.0.1:8787',
  '```',
  '<!-- readme-runner: needs ../shared/corpus/x.ndjson -->',
  '```sh',
  'npm run eval:search',
  '```',
].join('\n');

describe('README runner: reading the blocks', () => {
  it('finds each command with its mode, README line and documented output line', () => {
    expect(readmeCommands(sample)).toEqual([
      { command: 'npm start', expected: null, line: 3, mode: { kind: 'skip', reason: 'needs Electron' } },
      {
        command: 'LEAD=$(npm run -s server -- token create --data-dir /tmp/cuecard-demo/server)',
        expected: 'database: SQLite database /tmp/cuecard-demo/server/x.db',
        line: 8,
        mode: { kind: 'run' },
      },
      {
        command: 'npm run cli -- publish a.ndjson    --server http://127.0.0.1:8787 --token "$LEAD"',
        expected: 'published … entries',
        line: 9,
        mode: { kind: 'run' },
      },
      { command: 'npm run server -- --port 8787', expected: 'listening on http://127.0.0.1:8787', line: 14, mode: { kind: 'background' } },
      { command: 'npm run eval:search', expected: null, line: 18, mode: { kind: 'needs', path: '../shared/corpus/x.ndjson' } },
    ]);
  });

  it('refuses a directive it does not know, rather than running the block', () => {
    expect(() => readmeCommands('<!-- readme-runner: later -->\n```sh\nnpm start\n```')).toThrow('unknown readme-runner directive "later"');
  });

  it('replaces only the demo folder and the ports', () => {
    const commands = readmeCommands(sample);
    expect(portsIn(commands)).toEqual([8787]);
    const folders = new Map([['/tmp/cuecard-demo', '/tmp/run-1/cuecard-demo']]);
    const ports = new Map([[8787, 40123]]);
    expect(substitute('npm run server -- --port 8787 --data-dir /tmp/cuecard-demo/server --limit 8787', folders, ports)).toBe(
      'npm run server -- --port 40123 --data-dir /tmp/run-1/cuecard-demo/server --limit 8787',
    );
    expect(substitute('listening on http://127.0.0.1:8787', folders, ports)).toBe('listening on http://127.0.0.1:40123');
  });

  it('matches a documented line whole, with … standing for any text', () => {
    const output = 'progress 1/2\npublished 4 article entries from kb.ndjson\n';
    expect(printsLine(output, 'published … entries from kb.ndjson')).toBe(true);
    expect(printsLine(output, 'published 4 article entries from kb.ndjson')).toBe(true);
    expect(printsLine(output, 'published 4 article')).toBe(false);
    expect(printsLine(output, 'published … templates …')).toBe(false);
    expect(printsLine(output, 'progress …/2')).toBe(true);
  });

  it('reads the real README: every shell block is run, skipped for a stated reason, or waits for its ready line', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const commands = readmeCommands(readme);
    const background = commands.filter((c) => c.mode.kind === 'background').map((c) => [c.command.split(' -- ')[0], c.expected !== null]);
    expect(background).toEqual([
      ['npm run harness', true],
      ['npm run server', true],
    ]);
    // The two-leads story runs as written: its refusal is shown by `|| echo`, and each step's line is checked.
    const storyStart = commands.findIndex((c) => c.command === 'S=http://127.0.0.1:8787');
    const story = commands.slice(storyStart, storyStart + 26);
    expect(story.map((c) => c.mode.kind)).toEqual(Array.from({ length: 26 }, () => 'run'));
    expect(story.at(-1)).toMatchObject({
      command: 'npm run cli -- history kb/returns --locale en --server $S --token $ANA --json',
      expected: '{"version":2,…"event":"approved",…}',
    });
    expect(story.filter((c) => c.expected === null).map((c) => c.command.split(' ')[0])).toEqual(['S=http://127.0.0.1:8787', 'ANA=$(npm', 'BO=$(npm', 'BO_KEY=$(npm', 'printf', 'sed']);
    // The leads' story needs an agent's searches first; leads-loop.test.ts (e2e and Node) runs it.
    const isLeadsStory = (c: (typeof commands)[number]) => c.mode.kind === 'skip' && c.mode.reason.includes('leads-loop.test.ts');
    const leads = commands.filter(isLeadsStory).map((c) => c.command);
    expect(leads[0]).toBe('npm run cli -- report no-results --server $S --token $ANA');
    expect(leads.at(-1)).toBe('npm run cli -- report usage --csv --since 2026-11-01 --server $S --token $ANA > usage.csv');
    const skipped = commands.filter((c) => c.mode.kind === 'skip' && !isLeadsStory(c)).map((c) => c.command);
    expect(skipped).toEqual([
      'npm install && npm start',
      'npm test',
      'npm run server -- epoch rotate [--data-dir <dir>]     # prints: epoch <old> -> <new>: …',
      'npm run server -- changes tombstone <seq> [<seq> …] [--data-dir <dir>]   # "tombstoned <seq>"',
      'npm run harness -- --port <n> --data-dir <dir> --server <url> --token <token>   # then open http://127.0.0.1:<n>/library.html',
    ]);
  });
});
