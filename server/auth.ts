/**
 * Authentication and authorisation in one place: an `onRequest` hook that reads the role the
 * matched route declares in its config (`config: { role: 'lead' }`; routes without one are
 * public) — the parsed route, never a prefix of the raw URL — and attaches the caller to the
 * decorated request. Failed authentications per address and requests per token are limited with
 * @fastify/rate-limit (429 with Retry-After); an address over its failure limit is refused
 * before its token is even looked at, so guessing cannot continue at full speed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Role } from '../common/sync-protocol';
import { ApiError } from './errors';
import type { TokenCaller as Caller, TokenStore } from './db/tokens';
import { retryAfterSeconds, type ServerLimits } from './limits';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every route that declares a role; null on public routes. */
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; absent = public. */
    role?: Role;
  }
}

/** A bot ranks below an agent: it may read answers (server/answers/) and nothing an agent syncs. */
const RANK: Record<Role, number> = { bot: -1, agent: 0, lead: 1, admin: 2 };

/** The caller of a route that declares a role (the hook guarantees it). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError(401, 'unauthorized', 'missing bearer token');
  return request.caller;
}

/** The bearer token of a request, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? (match[1] as string) : null;
}

export async function installAuth(app: FastifyInstance, tokens: TokenStore, limits: ServerLimits): Promise<void> {
  app.decorateRequest('caller', null);
  await app.register(rateLimit, { global: false });
  const failedAuth = app.createRateLimit({ max: limits.failedAuthPerWindow, timeWindow: limits.failedAuthWindowMs });
  const perToken = app.createRateLimit({
    max: limits.requestsPerTokenPerWindow,
    timeWindow: limits.tokenWindowMs,
    keyGenerator: (request) => `token:${request.caller?.name ?? ''}`,
  });
  const tooMany = (what: string, ttlMs: number) =>
    new ApiError(429, 'rate_limited', `${what}; retry in ${retryAfterSeconds(ttlMs)} s`, { 'retry-after': String(retryAfterSeconds(ttlMs)) });
  const refuse = async (request: FastifyRequest, message: string): Promise<never> => {
    const counted = await failedAuth(request);
    if (!counted.isAllowed && counted.isExceeded) throw tooMany('too many failed authentications from this address', counted.ttl);
    throw new ApiError(401, 'unauthorized', message);
  };

  app.addHook('onRequest', async (request) => {
    const needed = request.routeOptions.config.role;
    if (needed === undefined) return;
    const status = await failedAuth(request, { increment: false });
    if (!status.isAllowed && status.isExceeded) throw tooMany('too many failed authentications from this address', status.ttl);
    const token = bearerToken(request);
    if (!token) return refuse(request, 'missing bearer token (Authorization: Bearer <token>)');
    const caller = await tokens.authenticate(token);
    if (!caller) return refuse(request, 'unknown or revoked token');
    request.caller = caller;
    const used = await perToken(request);
    if (!used.isAllowed && used.isExceeded) throw tooMany(`too many requests with the token "${caller.name}"`, used.ttl);
    if (RANK[caller.role] < RANK[needed]) {
      throw new ApiError(403, 'forbidden', `this needs ${article(needed)} ${needed} token; "${caller.name}" is ${article(caller.role)} ${caller.role}`);
    }
  });
}

function article(role: Role): string {
  return role === 'agent' || role === 'admin' ? 'an' : 'a';
}
