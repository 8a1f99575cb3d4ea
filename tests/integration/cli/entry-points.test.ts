/** Both command lines (`npm run cli`, `npm run server`) as a user meets them: help, mistakes, the database named. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { freeLoopbackPort } from '../../helpers/ports';

const root = path.resolve(import.meta.dirname, '../../..');
const makeTempDir = useTempDirs('cuecard-entry-');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const childEnv = { ...process.env, ...env };
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, env: childEnv });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}


describe('command-line entry points', () => {
  it('print asked-for help on stdout and exit 0; a mistake goes to stderr with exit 2, the same way in both', async () => {
    const [cliHelp, serverHelp, cliBad, serverBad] = await Promise.all([
      run('main/cli/main.ts', ['--help']),
      run('server/main.ts', ['token', 'create', '--help']),
      run('main/cli/main.ts', ['import', 'x.ndjson', '--bogus', '1']),
      run('server/main.ts', ['--bogus', '1']),
    ]);
    expect(cliHelp.code).toBe(0);
    expect(cliHelp.stdout.split('\n')[0]).toBe('usage: npm run cli -- <command> [options]');
    expect(cliHelp.stderr).toBe('');
    expect(serverHelp.code).toBe(0);
    expect(serverHelp.stdout.split('\n')[0]).toBe('usage:');
    expect(serverHelp.stderr).toBe('');
    for (const bad of [cliBad, serverBad]) {
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr.split('\n')[0]).toBe('error: unknown option --bogus');
    }
  }, 120_000);

  it('names the database it uses, and the one it cannot reach (without the password)', async () => {
    const dir = makeTempDir();
    const port = await freeLoopbackPort();
    const [created, unreachable] = await Promise.all([
      run('server/main.ts', ['token', 'create', '--role', 'lead', '--name', 'alice', '--data-dir', dir]),
      run('server/main.ts', ['token', 'list'], { DATABASE_URL: `postgres://cuecard:s3cret@127.0.0.1:${port}/kb` }),
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr.split('\n')[0]).toBe(`database: SQLite database ${path.join(dir, 'cuecard-server.db')}`);
    expect(fs.existsSync(path.join(dir, 'cuecard-server.db'))).toBe(true);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toBe(
      `database: PostgreSQL at 127.0.0.1:${port}/kb\n` +
        `error: cannot connect to PostgreSQL at 127.0.0.1:${port}/kb: connect ECONNREFUSED 127.0.0.1:${port}\n`,
    );
  }, 120_000);
});
