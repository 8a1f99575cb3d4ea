/** `npm run server -- …` as an operator uses it: token commands, the ready line, SIGTERM. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from './test-server';

const root = path.resolve(import.meta.dirname, '../../..');
const serverArgs = ['--import', 'tsx', path.join(root, 'server/main.ts')];

function server(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [...serverArgs, ...args], { cwd: root, encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('server command line', () => {
  it('creates, lists and revokes tokens, storing only hashes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-cli-'));
    const created = server(['token', 'create', '--role', 'lead', '--name', 'lena', '--data-dir', dir]);
    expect(created.status, created.stderr).toBe(0);
    const token = created.stdout.trim().split('\n').pop() as string;
    expect(token).toMatch(/^cct_[A-Za-z0-9_-]{43}$/);
    const dbBytes = fs.readFileSync(path.join(dir, 'cuecard-server.db'));
    expect(dbBytes.includes(Buffer.from(token))).toBe(false);
    expect(server(['token', 'create', '--role', 'lead', '--name', 'lena', '--data-dir', dir]).status).toBe(1);
    expect(server(['token', 'create', '--role', 'boss', '--name', 'x', '--data-dir', dir]).status).toBe(2);
    const listed = server(['token', 'list', '--data-dir', dir]);
    expect(listed.stdout).toMatch(/^lena\tlead\t/);
    expect(server(['token', 'revoke', 'lena', '--data-dir', dir]).status).toBe(0);
    expect(server(['token', 'revoke', 'lena', '--data-dir', dir]).status).toBe(1);
    expect(server(['token', 'list', '--data-dir', dir]).stdout).toBe('');
  }, 120_000);

  it('prints the ready line, serves, and exits 0 on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-cli-'));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [...serverArgs, '--port', '0', '--host', '127.0.0.1', '--data-dir', dir], {
      cwd: root,
      env,
    });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match) resolve(match[1] as string);
      });
      child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    });
    expect((await api(url, null, 'GET', '/healthz')).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
