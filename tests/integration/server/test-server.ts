/** Starting real knowledge servers for tests: SQLite in a temp dir, or PostgreSQL in a fresh schema. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startServer, type RunningServer, type ServerOptions } from '../../../server/server';
import type { DbTarget } from '../../../server/db/server-db';

export interface TestServer {
  server: RunningServer;
  url: string;
  tokens: { admin: string; lead: string; agent: string };
  /** Stops and starts the server again on the same port and data. */
  restart(): Promise<void>;
  /** The PostgreSQL NOTIFY channel of this server's database. */
  channel: string;
  /** Another instance on the same database (PostgreSQL only). */
  startAnotherInstance?(): Promise<RunningServer>;
  close(): Promise<void>;
}

/** Options a test may give its server (limits low enough to reach, a fast heartbeat). */
export type TestServerOptions = Pick<ServerOptions, 'limits' | 'heartbeatMs' | 'logLevel' | 'logStream' | 'now' | 'inlineChanges' | 'trustProxy' | 'cannedAnswers' | 'rankingThread'>;
export type ServerFactory = (options?: TestServerOptions) => Promise<TestServer>;

async function withTokens(
  start: (port: number) => Promise<RunningServer>,
  extra: Partial<TestServer> & { channel: string },
): Promise<TestServer> {
  let server = await start(0);
  const tokens = {
    admin: await server.tokens.create('root', 'admin'),
    lead: await server.tokens.create('lena-lead', 'lead'),
    agent: await server.tokens.create('alex-agent', 'agent'),
  };
  const handle: TestServer = {
    get server() {
      return server;
    },
    get url() {
      return server.url;
    },
    tokens,
    async restart() {
      const port = server.port;
      await server.close();
      server = await start(port);
    },
    async close() {
      await server.close();
    },
    ...extra,
  };
  return handle;
}

/** A database for one test: SQLite in a temp dir or a fresh PostgreSQL schema (dropped by `drop`). */
export interface TestDb {
  target: DbTarget;
  /** The NOTIFY channel to use on it (PostgreSQL), unique per test database. */
  channel: string;
  drop(): Promise<void>;
}
export type TestDbFactory = () => Promise<TestDb>;

export const sqliteDb: TestDbFactory = async () => ({
  target: { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-server-')) },
  channel: 'unused',
  drop: async () => undefined,
});

export function postgresDb(baseUrl: string): TestDbFactory {
  return async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await adminQuery(baseUrl, `CREATE SCHEMA ${schema}`);
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      target: { dataDir: os.tmpdir(), databaseUrl: url.toString() },
      channel: schema,
      drop: () => adminQuery(baseUrl, `DROP SCHEMA ${schema} CASCADE`),
    };
  };
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function serverOn(db: TestDbFactory): ServerFactory {
  return async (options = {}) => {
    const { target, channel, drop } = await db();
    const start = (port: number) => startServer({ logLevel: 'silent', ...options, ...target, channel, port, host: '127.0.0.1' });
    const handle = await withTokens(start, target.databaseUrl ? { channel, startAnotherInstance: () => start(0) } : { channel });
    const close = handle.close.bind(handle);
    handle.close = async () => {
      await close();
      await drop();
    };
    return handle;
  };
}

export const sqliteServer: ServerFactory = serverOn(sqliteDb);

/** Each PostgreSQL test server gets its own schema (via search_path) and NOTIFY channel. */
export function postgresServer(baseUrl: string): ServerFactory {
  return serverOn(postgresDb(baseUrl));
}

export async function api(
  base: string,
  token: string | null,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${pathAndQuery}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: parseOrText(text) };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Publishes straight to agents, as an admin's bulk approval (`approve: true`): since the review
 * workflow (issue #13) a lead's publish only submits versions for review.
 */
export function publishLive(t: { url: string; tokens: { admin: string } }, body: unknown): ReturnType<typeof api> {
  const batch = typeof body === 'object' && body !== null && 'entries' in body ? body : { entries: [body] };
  return api(t.url, t.tokens.admin, 'POST', '/v1/entries', { ...batch, approve: true });
}

export function article(id: string, locale = 'en', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, locale, kind: 'article', title: `Title of ${id}`, body: `Body of ${id} in ${locale}`, tags: ['t'], ...extra };
}
