/** `npm run server -- …` as an operator uses it: token commands, the ready line, SIGTERM. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from './test-server';
import { waitUntil } from '../sync/sync-client';
import { openServerDb, startServer } from '../../../server/server';
import { KnowledgeRepo } from '../../../server/db/knowledge-repo';

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

  it('creates bot tokens with the tags they read (public unless --tags says otherwise)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-cli-'));
    const plain = server(['token', 'create', '--role', 'bot', '--name', 'helpbot', '--data-dir', dir]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('created bot token "helpbot" reading entries tagged public (shown once; only its hash is stored):');
    const tagged = server(['token', 'create', '--role', 'bot', '--name', 'billing-bot', '--tags', 'billing, faq', '--data-dir', dir]);
    expect(tagged.stderr).toContain('created bot token "billing-bot" reading entries tagged billing or faq');
    const wrong = server(['token', 'create', '--role', 'agent', '--name', 'x', '--tags', 'a', '--data-dir', dir]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.split('\n')[1]).toBe('error: --tags is for --role bot only');
    const listed = server(['token', 'list', '--data-dir', dir]).stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(listed.map(([name, role, , tags]) => [name, role, tags])).toEqual([
      ['billing-bot', 'bot', 'billing,faq'],
      ['helpbot', 'bot', 'public'],
    ]);
  }, 120_000);

  it('prints the ready line, serves, and exits 0 on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-cli-'));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [...serverArgs, '--port', '0', '--host', '127.0.0.1', '--data-dir', dir, '--trust-proxy', 'loopback'], {
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
    // Requests are logged as JSON lines on stdout by default.
    await waitUntil(() => stdout.includes('"route":"/healthz"'), 10_000, 'the request log line');
    const line = JSON.parse(stdout.split('\n').find((l) => l.includes('"route":"/healthz"')) as string);
    expect(line).toMatchObject({ level: 30, msg: 'request', method: 'GET', route: '/healthz', status: 200 });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('refuses an unknown --log-level', () => {
    const r = server(['--log-level', 'chatty', '--data-dir', fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-cli-'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--log-level must be one of fatal, error, warn, info, debug, trace, silent');
  }, 60_000);

  it('refuses a --trust-proxy that names no address or subnet', () => {
    const r = server(['--trust-proxy', '10.0.0.0/33', '--data-dir', fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-cli-'))]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: --trust-proxy: "10.0.0.0/33" is not an address, a subnet (10.0.0.0/8) or loopback, linklocal, uniquelocal');
  }, 60_000);

  it('tombstones change-log rows and rotates the epoch', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-cli-'));
    const db = await openServerDb({ dataDir: dir });
    const repo = new KnowledgeRepo(db);
    await repo.publish(['a', 'b', 'c'].map((id) => ({ id, locale: 'en', kind: 'article' as const, title: id, body: id })), { name: 'x' });
    const { epoch } = await repo.state();
    await db.close();
    const tomb = server(['changes', 'tombstone', '2', '--data-dir', dir]);
    expect([tomb.status, tomb.stdout]).toEqual([0, 'tombstoned 2\n']);
    const missing = server(['changes', 'tombstone', '2', '7', '--data-dir', dir]);
    expect([missing.status, missing.stdout]).toEqual([1, 'tombstoned 2\nno change 7 in the log\n']);
    expect(server(['changes', 'tombstone', 'x2', '--data-dir', dir]).status).toBe(2);
    const rotated = server(['epoch', 'rotate', '--data-dir', dir]);
    expect(rotated.status).toBe(0);
    expect(rotated.stdout.startsWith(`epoch ${epoch} -> `)).toBe(true);
    expect(rotated.stdout).toMatch(/^epoch \S+ -> [0-9a-f-]{36}: every client resynchronises from scratch\n$/);
    const reopened = await openServerDb({ dataDir: dir });
    try {
      const page = await new KnowledgeRepo(reopened).changes(0, 10);
      expect(page.epoch).toBe(/-> (\S+):/.exec(rotated.stdout)?.[1]);
      expect(page.items.map((i) => i.op)).toEqual(['upsert', 'tombstone', 'upsert']);
    } finally {
      await reopened.close();
    }
  }, 120_000);

  it('gives a copied (restored) SQLite file a new epoch at start, keeping its log', async () => {
    const live = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-cli-'));
    const db = await openServerDb({ dataDir: live });
    await new KnowledgeRepo(db).publish([{ id: 'a', locale: 'en', kind: 'article', title: 'a', body: 'a' }], { name: 'x' });
    const before = await new KnowledgeRepo(db).state();
    await db.close();
    const restored = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-cli-'));
    fs.copyFileSync(path.join(live, 'cuecard-server.db'), path.join(restored, 'cuecard-server.db'));
    const started = await startServer({ dataDir: restored, port: 0, logLevel: 'silent' });
    try {
      const after = (await api(started.url, null, 'GET', '/healthz')).json;
      expect(after.latestSeq).toBe(before.latestSeq);
      expect(after.epoch).not.toBe(before.epoch);
    } finally {
      await started.close();
    }
    const again = await openServerDb({ dataDir: live }); // the original file keeps its epoch
    try {
      expect((await new KnowledgeRepo(again).state()).epoch).toBe(before.epoch);
    } finally {
      await again.close();
    }
  }, 60_000);
});
