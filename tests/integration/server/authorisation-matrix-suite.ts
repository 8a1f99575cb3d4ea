/**
 * The authorisation matrix (issue #12): every route × every role and every bad credential, in
 * one table. A route's expected answer per caller is written out, not derived from the code's
 * own rank table, so a route that loses (or gains) a role check fails here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../../common/sync-protocol';
import { article, type ServerFactory, type TestServer } from './test-server';

type Caller = 'none' | 'wrong' | 'revoked' | 'bot' | 'agent' | 'lead' | 'admin';
const CALLERS: readonly Caller[] = ['none', 'wrong', 'revoked', 'bot', 'agent', 'lead', 'admin'];

interface Route {
  method: string;
  path: string;
  body?: () => unknown;
  /** The status each caller gets. */
  expect: Record<Caller, number>;
}

const denied = { none: 401, wrong: 401, revoked: 401 } as const;
let counter = 0;
const ROUTES: Route[] = [
  { method: 'GET', path: '/healthz', expect: { none: 200, wrong: 200, revoked: 200, bot: 200, agent: 200, lead: 200, admin: 200 } },
  { method: 'GET', path: '/v1/changes?after=0', expect: { ...denied, bot: 403, agent: 200, lead: 200, admin: 200 } },
  { method: 'GET', path: '/v1/events', expect: { ...denied, bot: 403, agent: 200, lead: 200, admin: 200 } },
  { method: 'POST', path: '/v1/entries', body: () => article(`m${++counter}`), expect: { ...denied, bot: 403, agent: 403, lead: 200, admin: 200 } },
  { method: 'DELETE', path: '/v1/entries/seeded?locale=en', expect: { ...denied, bot: 403, agent: 403, lead: 200, admin: 200 } },
  { method: 'GET', path: '/v1/tokens', expect: { ...denied, bot: 403, agent: 403, lead: 403, admin: 200 } },
  { method: 'POST', path: '/v1/tokens', body: () => ({ name: `made${++counter}`, role: 'agent' }), expect: { ...denied, bot: 403, agent: 403, lead: 403, admin: 200 } },
  { method: 'DELETE', path: '/v1/tokens/victim', expect: { ...denied, bot: 403, agent: 403, lead: 403, admin: 200 } },
  // Issue #17: answers for bots (an entry not tagged `public` does not exist for a bot: 404) and the public FAQ.
  { method: 'GET', path: '/v1/answers?q=title', expect: { ...denied, bot: 200, agent: 200, lead: 200, admin: 200 } },
  { method: 'GET', path: '/v1/entries/seeded?locale=en', expect: { ...denied, bot: 404, agent: 200, lead: 200, admin: 200 } },
  { method: 'GET', path: '/faq/', expect: { none: 200, wrong: 200, revoked: 200, bot: 200, agent: 200, lead: 200, admin: 200 } },
];

export function defineAuthorisationMatrix(label: string, factory: ServerFactory): void {
  describe(`authorisation matrix on ${label}`, () => {
    let t: TestServer;
    let tokens: Record<Caller, string | null>;
    beforeEach(async () => {
      // Failed authentications here are the point: keep the per-address limit out of the way.
      t = await factory({ limits: { failedAuthPerWindow: 1000 } });
      const revoked = await t.server.tokens.create('gone', 'admin');
      await t.server.tokens.revoke('gone');
      const bot = await t.server.tokens.create('helpbot', 'bot');
      tokens = { none: null, wrong: 'cct_not-a-token', revoked, bot, agent: t.tokens.agent, lead: t.tokens.lead, admin: t.tokens.admin };
    });
    afterEach(async () => {
      await t.close();
    });

    it('answers every route × caller as the table says', async () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const route of ROUTES) {
        for (const caller of CALLERS) {
          // Fresh targets for the routes that consume them.
          if (route.path.startsWith('/v1/entries/seeded')) {
            await t.server.repo.publish([article('seeded') as never], { name: 'seed' });
            await t.server.answers.catchUp();
          }
          if (route.path === '/v1/tokens/victim') await t.server.tokens.create('victim', 'agent');
          const status = await request(t, tokens[caller], route);
          got.push(`${route.method} ${route.path} as ${caller}: ${status}`);
          want.push(`${route.method} ${route.path} as ${caller}: ${route.expect[caller]}`);
          if (route.path === '/v1/tokens/victim' && status !== 200) await t.server.tokens.revoke('victim');
        }
      }
      expect(got).toEqual(want);
    });
  });
}

/** Status of one request; error answers must have the documented shape. */
async function request(t: TestServer, token: string | null, route: Route): Promise<number> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const body = route.body?.();
  if (body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const res = await fetch(`${t.url}${route.path}`, {
    method: route.method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: controller.signal,
  });
  if (route.path === '/v1/events' && res.status === 200) {
    controller.abort(); // an event stream never ends by itself
    return res.status;
  }
  if (route.path.startsWith('/faq/')) {
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    return res.status;
  }
  const json: unknown = await res.json();
  if (res.status >= 400) expect(ApiErrorSchema.safeParse(json).success, JSON.stringify(json)).toBe(true);
  return res.status;
}
