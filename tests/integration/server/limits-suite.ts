/**
 * Issue #12 point 4 on each engine: caps on event streams and connections, rate limits on failed
 * authentication and per token (429 with Retry-After), a revoked token's streams closed at once,
 * and every error body in the `{ error: { code, message } }` shape.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../../common/sync-protocol';
import { openSse } from './sse-reader';
import { AUTH_CACHE_MS, TokenStore } from '../../../server/db/tokens';
import { api, type ServerFactory, type TestServer } from './test-server';

type Sse = Awaited<ReturnType<typeof openSse>>;

export function defineLimitsSuite(label: string, factory: ServerFactory): void {
  describe(`server limits on ${label}`, () => {
    let t: TestServer | null = null;
    const streams: Sse[] = [];
    const start = async (options: Parameters<ServerFactory>[0]) => (t = await factory(options));
    afterEach(async () => {
      for (const s of streams.splice(0)) s.close();
      await t?.close();
      t = null;
    });
    const stream = async (server: TestServer, token: string) => {
      const s = await openSse(`${server.url}/v1/events`, token);
      streams.push(s);
      return s;
    };

    it('caps event streams per token and in total, with 429 and Retry-After', async () => {
      const s = await start({ limits: { streamsPerToken: 2, streamsTotal: 3 } });
      for (const token of [s.tokens.agent, s.tokens.agent]) expect((await stream(s, token)).status).toBe(200);
      const third = await fetch(`${s.url}/v1/events`, { headers: { authorization: `Bearer ${s.tokens.agent}` } });
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('30');
      expect((await third.json()).error).toMatchObject({ code: 'too_many_streams' });
      expect((await stream(s, s.tokens.lead)).status).toBe(200); // another token: 3 in total
      const overTotal = await api(s.url, s.tokens.admin, 'GET', '/v1/events');
      expect(overTotal.status).toBe(429);
      expect(overTotal.json.error).toEqual({ code: 'too_many_streams', message: 'the server holds its maximum of 3 event streams' });
      expect(s.server.streams.size).toBe(3);
      const first = streams[0] as Sse;
      first.close();
      await first.ended;
      await waitFor(() => s.server.streams.size === 2);
      expect((await stream(s, s.tokens.agent)).status).toBe(200);
    });

    it('closes a revoked token’s open streams at once', async () => {
      const s = await start({});
      const created = await api(s.url, s.tokens.admin, 'POST', '/v1/tokens', { name: 'sam', role: 'agent' });
      const a = await stream(s, created.json.token);
      const b = await stream(s, created.json.token);
      const other = await stream(s, s.tokens.agent);
      await Promise.all([a, b, other].map((x) => x.waitFor((e) => e.event === 'hello')));
      expect(s.server.streams.sizeOf('sam')).toBe(2);
      expect((await api(s.url, s.tokens.admin, 'DELETE', '/v1/tokens/sam')).status).toBe(200);
      await Promise.all([a.ended, b.ended]);
      expect(s.server.streams.sizeOf('sam')).toBe(0);
      expect(s.server.streams.sizeOf('alex-agent')).toBe(1);
    });

    it('ends a stream at its next heartbeat when its token was revoked elsewhere (CLI, another instance)', async () => {
      let clock = Date.parse('2026-03-01T10:00:00Z');
      const s = await start({ heartbeatMs: 20, now: () => new Date(clock) });
      const created = await api(s.url, s.tokens.admin, 'POST', '/v1/tokens', { name: 'sam', role: 'agent' });
      const sam = await stream(s, created.json.token);
      const other = await stream(s, s.tokens.agent);
      await Promise.all([sam, other].map((x) => x.waitFor((e) => e.event === 'hello')));
      // Another process revokes: this server's token cache still knows the token...
      expect(await new TokenStore(s.server.db).revoke('sam')).toBe(true);
      expect(s.server.streams.sizeOf('sam')).toBe(1);
      // ...until its cache entry expires; the next heartbeat then finds the token gone.
      clock += AUTH_CACHE_MS + 1;
      await sam.ended;
      expect(s.server.streams.sizeOf('sam')).toBe(0);
      expect(s.server.streams.sizeOf('alex-agent')).toBe(1);
    });

    it('rate-limits failed authentication per address: 429 with Retry-After, even for a right token then', async () => {
      const s = await start({ limits: { failedAuthPerWindow: 3, failedAuthWindowMs: 60_000 } });
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${s.url}/v1/changes`, { headers: { authorization: `Bearer cct_guess${i}` } });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
        expect(ApiErrorSchema.safeParse(await res.json()).success).toBe(true);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      const right = await api(s.url, s.tokens.agent, 'GET', '/v1/changes');
      expect(right.status).toBe(429);
      expect(right.json.error.code).toBe('rate_limited');
      expect((await api(s.url, null, 'GET', '/healthz')).status).toBe(200); // public routes stay open
    });

    it('rate-limits requests per token: 429 with Retry-After for that token only', async () => {
      const s = await start({ limits: { requestsPerTokenPerWindow: 5, tokenWindowMs: 60_000 } });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await api(s.url, s.tokens.agent, 'GET', '/v1/changes')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      const limited = await fetch(`${s.url}/v1/changes`, { headers: { authorization: `Bearer ${s.tokens.agent}` } });
      // The window's remaining seconds (wall-clock, from @fastify/rate-limit): the message repeats the header.
      const retryAfter = limited.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect((await limited.json()).error).toEqual({ code: 'rate_limited', message: `too many requests with the token "alex-agent"; retry in ${retryAfter} s` });
      expect((await api(s.url, s.tokens.lead, 'GET', '/v1/changes')).status).toBe(200);
    });

    it('refuses connections beyond maxConnections', async () => {
      const s = await start({ limits: { maxConnections: 2 } });
      await stream(s, s.tokens.agent);
      await stream(s, s.tokens.lead);
      await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    });

    it('answers malformed URLs, unknown routes and malformed HTTP in the error shape', async () => {
      const s = await start({});
      for (const [path, status] of [
        ['/v1/changes/%E0%A4%A', 400],
        ['/v1/entries/%ZZ?locale=en', 400],
        ['/v1/nothing', 404],
        ['/nothing%', 400],
      ] as const) {
        const res = await api(s.url, s.tokens.agent, 'GET', path);
        expect([path, res.status]).toEqual([path, status]);
        expect(ApiErrorSchema.safeParse(res.json).success, JSON.stringify(res.json)).toBe(true);
      }
      const wrongType = await fetch(`${s.url}/v1/entries`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.tokens.lead}`, 'content-type': 'application/xml' },
        body: 'hello',
      });
      expect(wrongType.status).toBe(415);
      expect(ApiErrorSchema.safeParse(await wrongType.json()).success).toBe(true);
      const raw = await rawHttp(s.server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nbroken header line\r\n\r\n');
      expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'bad_request', message: 'malformed HTTP request' } });
    });
  });
}

function rawHttp(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (c: Buffer) => (out += c.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setImmediate(r));
}
