/**
 * The server behind a reverse proxy (`--trust-proxy`: the per-address limit keys by the forwarded
 * address, and only when the proxy is trusted) and while it shuts down (503 in the API's shape).
 */
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../common/cli/args';
import { frameworkErrorOptions, installErrorHandling } from '../../../server/errors';
import { parseTrustProxy } from '../../../server/trust-proxy';
import { sqliteServer, type TestServer } from './test-server';

/** Statuses of `count` guessed tokens sent as if from `address` through the proxy. */
async function guesses(url: string, address: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}/v1/changes`, { headers: { authorization: `Bearer cct_guess${i}`, 'x-forwarded-for': address } });
    await res.body?.cancel();
    statuses.push(res.status);
  }
  return statuses;
}

describe('--trust-proxy', () => {
  let t: TestServer | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });
  const limits = { failedAuthPerWindow: 2, failedAuthWindowMs: 60_000 };

  it('counts failed authentications per forwarded address when the proxy (here: loopback) is trusted', async () => {
    t = await sqliteServer({ limits, trustProxy: parseTrustProxy('127.0.0.1') });
    expect(await guesses(t.url, '203.0.113.7', 4)).toEqual([401, 401, 429, 429]);
    // Another agent behind the same proxy is not held back by the first one's guesses.
    expect(await guesses(t.url, '203.0.113.8', 1)).toEqual([401]);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    t = await sqliteServer({ limits, trustProxy: parseTrustProxy('10.0.0.0/8') });
    expect(await guesses(t.url, '203.0.113.7', 3)).toEqual([401, 401, 429]);
    expect(await guesses(t.url, '203.0.113.8', 1)).toEqual([429]);
  });

  it('ignores X-Forwarded-For without the option', async () => {
    t = await sqliteServer({ limits });
    expect(await guesses(t.url, '203.0.113.7', 3)).toEqual([401, 401, 429]);
    expect(await guesses(t.url, '203.0.113.8', 1)).toEqual([429]);
  });

  it('takes addresses, subnets and named ranges, and refuses anything else as a usage error', () => {
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    for (const bad of ['1', 'true', '10.0.0.0/33', '::1/129', '10.0.0/8', 'proxy.example.com', '10.0.0.1/8/8', '127.0.0.1,']) {
      expect(() => parseTrustProxy(bad), bad).toThrow(UsageError);
    }
  });
});

describe('a server shutting down', () => {
  it('answers requests that still arrive with 503, Retry-After and the API error shape', async () => {
    // The app's own error options and handlers, with a shutdown step the test holds open.
    const app = Fastify({ ...frameworkErrorOptions, forceCloseConnections: true });
    installErrorHandling(app);
    let entered!: () => void;
    const closingStarted = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    app.addHook('preClose', async () => {
      entered();
      await held;
    });
    app.get('/healthz', async () => ({ ok: true }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const closed = app.close();
    await closingStarted;
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ error: { code: 'unavailable', message: 'the server is shutting down; retry in 5 s' } });
    release();
    await closed;
  });
});
