/** The app's rotating log file: what gets in (failures, with details) and what never does. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../main/core/open-core';
import { openAppLog, type AppLog } from '../../../main/log/app-log';
import { SEARCH_INDEX_DIR_NAME } from '../../../main/paths';
import { publishLive, sqliteServer, type TestServer } from '../server/test-server';
import { startQuietApp } from '../../helpers/quiet-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const cipher = { encrypt: (t: string) => `sealed:${t}`, decrypt: (s: string) => s.slice('sealed:'.length) };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface LogLine {
  level: string;
  msg: string;
  error?: { type: string; code?: string; message: string; stack?: string };
}

/** Every line of every file in the log folder, parsed (each line is one JSON object). */
async function readLog(appLog: AppLog): Promise<{ raw: string; lines: LogLine[] }> {
  await appLog.flush();
  // Rotated files (named by time) first, the current file last.
  const raw = fs
    .readdirSync(appLog.folder)
    .filter((name) => name.endsWith('.log'))
    .sort((a, b) => Number(a === 'cuecard.log') - Number(b === 'cuecard.log') || a.localeCompare(b))
    .map((name) => fs.readFileSync(path.join(appLog.folder, name), 'utf8'))
    .join('');
  return { raw, lines: raw.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine) };
}

async function open(folder: string, secrets: () => readonly string[] = () => []): Promise<AppLog> {
  const appLog = await openAppLog({ folder, secrets });
  cleanups.push(() => appLog.close());
  return appLog;
}

describe('the app log file', () => {
  it('writes one JSON line per event, with the error’s name, code, message and stack frames', async () => {
    const folder = path.join(tempDir(), 'logs');
    const appLog = await open(folder);
    appLog.log('Cuecard starting');
    const error = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    appLog.log('could not save the search index', error);
    const { lines } = await readLog(appLog);
    expect(lines.map(({ level, msg }) => ({ level, msg }))).toEqual([
      { level: 'info', msg: 'Cuecard starting' },
      { level: 'error', msg: 'could not save the search index' },
    ]);
    expect(lines[1]?.error).toMatchObject({ type: 'Error', code: 'SQLITE_BUSY', message: 'database is locked' });
    expect(lines[1]?.error?.stack?.split('\n')[0]).toMatch(/^\s+at .*app-log\.test\.ts/);
  });

  it('writes only what the policy’s logLevel lets through, and follows a changed level', async () => {
    const folder = path.join(tempDir(), 'logs');
    const appLog = await openAppLog({ folder, secrets: () => [], level: 'error' });
    cleanups.push(() => appLog.close());
    appLog.log('Cuecard starting');
    appLog.log('could not save the search index', new Error('disk full'));
    appLog.setLevel('info');
    appLog.log('policy re-read');
    const { lines } = await readLog(appLog);
    expect(lines.map(({ level, msg }) => ({ level, msg }))).toEqual([
      { level: 'error', msg: 'could not save the search index' },
      { level: 'info', msg: 'policy re-read' },
    ]);
  });

  it('keeps quoted source out (a template error’s stack quotes the template) and masks known secrets', async () => {
    const folder = path.join(tempDir(), 'logs');
    const token = 'agent-token-4f1c9e2b7d';
    const appLog = await open(folder, () => [token, 'short']);
    const quoting = new Error('tag "if" not closed');
    quoting.stack = `Error: tag "if" not closed\n>> 1| Dear {{ customer }}, your SECRET-BODY-TEXT\n    at parse (liquid.js:1:1)`;
    appLog.log('render failed', quoting);
    appLog.log(`request to server failed with Authorization: Bearer ${token}`);
    appLog.log('a short secret is not masked: short');
    const { raw, lines } = await readLog(appLog);
    expect(raw).not.toContain('SECRET-BODY-TEXT');
    expect(raw).not.toContain(token);
    expect(lines.map((line) => line.msg)).toEqual([
      'render failed',
      'request to server failed with Authorization: Bearer [redacted]',
      'a short secret is not masked: short',
    ]);
    expect(lines[0]?.error?.stack).toBe('    at parse (liquid.js:1:1)');
  });

  it('rotates the current file when full and keeps a bounded number of old ones, across restarts', async () => {
    const folder = path.join(tempDir(), 'logs');
    for (const run of [1, 2]) {
      const appLog = await openAppLog({ folder, secrets: () => [], maxFileSize: '1K', keepFiles: 2 });
      for (let i = 0; i < 40; i += 1) {
        appLog.log(`run ${run} line ${i} ${'x'.repeat(60)}`);
        await appLog.flush();
      }
      await appLog.close();
    }
    const logFiles = fs.readdirSync(folder).filter((name) => name.endsWith('.log'));
    expect(logFiles.length).toBe(3);
    expect(logFiles).toContain('cuecard.log');
    const rotated = logFiles.filter((name) => name !== 'cuecard.log');
    expect(rotated.every((name) => /^cuecard\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.\d+\.log$/.test(name))).toBe(true);
    // The newest lines are kept, the oldest are gone.
    const kept = logFiles.map((name) => fs.readFileSync(path.join(folder, name), 'utf8')).join('');
    expect(kept).toContain(`"run 2 line 39 ${'x'.repeat(60)}"`);
    expect(kept).not.toContain('"run 1 line 0 ');
    expect(logFiles.every((name) => fs.statSync(path.join(folder, name)).size <= 1024 + 200)).toBe(true);
  });
});

describe('failures the app logs (mandatory log ports)', () => {
  it('logs a failed search-index save', async () => {
    const dataDir = tempDir();
    // A file where the index folder should be: saving the index after the first build fails.
    fs.writeFileSync(path.join(dataDir, SEARCH_INDEX_DIR_NAME), 'not a folder');
    const logged: unknown[][] = [];
    const core = await openCore({ dataDir, cipher, seedSample: true, log: (message, error) => void logged.push([message, error]) });
    cleanups.push(() => core.close());
    await core.search.ready;
    expect(logged.map(([message]) => message)).toEqual(['could not save the search index']);
    expect((logged[0]?.[1] as NodeJS.ErrnoException).code).toBe('EEXIST');
  });

  it('after a publish and a sync with a token, and a failed paste, the log has the failure but no token and no body', async () => {
    const server: TestServer = await sqliteServer();
    cleanups.push(() => server.close());
    const body = 'Hi {{ customer.first_name }}, your parcel BODY-MARKER-7731 is on its way.';
    const published = await publishLive(server, {
      id: 'tpl/parcel-on-its-way',
      locale: 'en',
      kind: 'template',
      title: 'Parcel on its way',
      body,
      tags: ['shipping'],
    });
    expect(published.status).toBe(200);

    const dataDir = tempDir();
    const folder = path.join(dataDir, 'logs');
    let token = (): string => '';
    const appLog = await open(folder, () => [token()]);
    const { core: opened, app, call } = await startQuietApp(dataDir, cleanups, {
      pasteStrategy: {
        name: 'failing-tool',
        available: async () => true,
        paste: async () => {
          throw new Error('xdotool: cannot open display');
        },
      },
      log: appLog.log,
    });
    token = () => opened.settings.token();
    await app.sync.start();

    expect(await call('updateSettings', { serverUrl: server.url, token: server.tokens.agent })).toMatchObject({ ok: true });
    await expect.poll(() => opened.search.get('tpl/parcel-on-its-way', 'en')?.body, { timeout: 10_000 }).toBe(body);
    const insert = await call('insertReply', { id: 'tpl/parcel-on-its-way', locale: 'en', values: { 'customer.first_name': 'Ana' } });
    expect(insert).toEqual({ ok: true, value: { delivery: 'copied', message: 'Copied — press Ctrl+V' } });
    expect(await call('openLogFolder', {})).toEqual({ ok: true, value: null });

    const { raw, lines } = await readLog(appLog);
    expect(lines.map((line) => line.msg)).toContain('paste via failing-tool failed');
    expect(lines.find((line) => line.msg === 'paste via failing-tool failed')?.error?.message).toBe('xdotool: cannot open display');
    for (const secret of [server.tokens.agent, server.tokens.lead, server.tokens.admin, 'BODY-MARKER-7731', 'parcel']) expect(raw).not.toContain(secret);
  });
});
