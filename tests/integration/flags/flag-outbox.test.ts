/**
 * The agent's flags: kept in the local DB (migration 0002) while the server is unreachable, sent
 * once it answers, exactly once per flag; a flag the server refuses for good stops being retried.
 * The server here is a small HTTP double on 127.0.0.1 that records what it receives.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FlagOutbox } from '../../../main/flags/flag-outbox';
import { FlagSender } from '../../../main/flags/flag-sender';
import { openDatabase, type Database } from '../../../main/store/database';
import { KnowledgeStore } from '../../../main/store/knowledge-store';
import { entry } from '../../unit/search/helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openDb(dir: string): Promise<Database> {
  const { db } = await openDatabase({ file: path.join(dir, 'cuecard.db') });
  cleanups.push(() => db.close());
  return db;
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-flags-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Answers each POST /v1/flags with the next status of `answers` (the last one repeats). */
async function flagServer(answers: number[]): Promise<{ url: string; received: unknown[]; auth: string[] }> {
  const received: unknown[] = [];
  const auth: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const status = answers.length > 1 ? (answers.shift() as number) : (answers[0] as number);
      received.push(JSON.parse(body));
      auth.push(request.headers.authorization ?? '');
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(status === 200 ? JSON.stringify({ flagId: `f${received.length}`, duplicate: false }) : JSON.stringify({ error: { code: 'not_found', message: 'no such entry' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, auth };
}

function sender(db: Database, serverUrl: string | null) {
  let n = 0;
  return new FlagSender({
    outbox: new FlagOutbox(db),
    fetch: globalThis.fetch,
    config: () => (serverUrl ? { serverUrl, token: 'agent-token' } : null),
    now: () => new Date('2026-05-01T10:00:00.000Z'),
    newId: () => `00000000-0000-4000-8000-00000000000${++n}`,
  });
}

const flag = { id: 'kb/returns', locale: 'fr', version: 3, reason: 'outdated' as const, comment: 'Le délai est de 30 jours maintenant' };

describe('flags from the overlay', () => {
  it('waits in the local DB while the server is unreachable, survives a restart, then is sent once', async () => {
    const dir = tempDir();
    // A port that was just closed: connection refused, as when the agent is offline.
    const closed = await flagServer([200]);
    await cleanups.pop()?.();
    const offline = sender(await openDb(dir), closed.url);
    await offline.init();
    const changes: number[] = [];
    offline.waiting.onChange((n) => changes.push(n));
    expect(await offline.raise(flag)).toEqual({ waiting: 1 });
    await offline.flush();
    expect(offline.waiting.value).toBe(1);
    expect(changes).toEqual([1]);
    await cleanups.splice(-1, 1)[0]?.(); // close the DB: the app quits while offline

    const server = await flagServer([200]);
    const db = await openDb(dir);
    // The flag was raised for the server configured then; it is sent to that server's successor only if the URL matches.
    await db.writeSql((sql) => sql.run('UPDATE flag_outbox SET server_url = ?', [server.url]));
    const online = sender(db, server.url);
    await online.init();
    expect(online.waiting.value).toBe(1);
    await online.flush();
    await online.flush();
    expect(online.waiting.value).toBe(0);
    expect(server.received).toEqual([{ clientId: '00000000-0000-4000-8000-000000000001', ...flag }]);
    expect(server.auth).toEqual(['Bearer agent-token']);
  });

  it('keeps a flag the server refuses for good as refused (not retried, not counted), and retries a 503', async () => {
    const server = await flagServer([404, 503, 200]);
    const db = await openDb(tempDir());
    const flags = sender(db, server.url);
    await flags.init();
    await flags.raise(flag);
    await flags.flush();
    expect(flags.waiting.value).toBe(0);
    await flags.raise({ ...flag, comment: 'second' });
    await flags.flush();
    expect(flags.waiting.value).toBe(1); // 503: the server is struggling, try later
    await flags.flush();
    expect(flags.waiting.value).toBe(0);
    expect(server.received.map((f) => (f as { comment: string }).comment)).toEqual([flag.comment, 'second', 'second']);
    const rows = (await db.reader.query('SELECT state, attempts, last_error FROM flag_outbox')) as unknown[];
    expect(rows).toEqual([{ state: 'refused', attempts: 1, last_error: 'request failed with 404: no such entry' }]);
  });

  it('refuses to raise a flag when no server is set up', async () => {
    const flags = sender(await openDb(tempDir()), null);
    await expect(flags.raise(flag)).rejects.toThrow('no server is set up');
  });

  it('stores and reads back the review metadata agents see as badges', async () => {
    const db = await openDb(tempDir());
    const store = new KnowledgeStore(db);
    const fr = entry({ id: 'kb/returns', title: 'Retours', locale: 'fr', verificationDueAt: '2026-08-01T00:00:00.000Z', staleTranslation: true, sourceLocale: 'en' });
    await store.upsertMany([fr, entry({ id: 'kb/other', title: 'Other' })]);
    expect(await store.get('kb/returns', 'fr')).toEqual(fr);
    const plain = await store.get('kb/other', 'en');
    expect([plain?.verificationDueAt, plain?.staleTranslation, plain?.sourceLocale]).toEqual([undefined, undefined, undefined]);
  });
});
