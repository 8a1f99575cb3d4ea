/**
 * The HTTP API. Every /v1 route needs a bearer token (401 when missing or unknown) of a role
 * high enough for it (403 otherwise); every error is JSON `{ error: { code, message } }`.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../common/sync-protocol';
import {
  ChangesQuerySchema,
  MAX_REQUEST_BYTES,
  publishRequestSchema,
  RoleSchema,
  TokenNameSchema,
  apiError,
  describeZodError,
  type ApiErrorCode,
} from '../common/sync-protocol';
import { EntryIdSchema, LocaleSchema } from '../common/knowledge';
import { validateTemplateBody } from '../common/templates/validate-template';
import { KnowledgeRepo, NotFoundError } from './db/knowledge-repo';
import { TokenExistsError, TokenStore } from './db/tokens';
import type { PokeHub } from './pokes';
import { openEventStream, type EventStreams } from './event-stream';
import { PageCache } from './page-cache';
import type { Logger } from './logger';

const RANK: Record<Role, number> = { agent: 0, lead: 1, admin: 2 };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface AppDeps {
  repo: KnowledgeRepo;
  tokens: TokenStore;
  pokes: PokeHub;
  streams: EventStreams;
  heartbeatMs: number;
  logger: Logger;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: { name: string; role: Role };
  }
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: MAX_REQUEST_BYTES, forceCloseConnections: true });
  const { repo, tokens } = deps;
  const pages = new PageCache();
  // Subscribed before any event stream, so the cache is dropped before clients are poked.
  const stopInvalidating = deps.pokes.subscribe(() => pages.invalidate());

  app.setErrorHandler((error: unknown, _request, reply) => {
    if (error instanceof ApiError) return send(reply, error.status, error.code, error.message);
    if (error instanceof z.ZodError) return send(reply, 400, 'bad_request', describeZodError(error));
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const message = error instanceof Error ? error.message : String(error);
    if (status === 413) return send(reply, 413, 'payload_too_large', `request body is larger than ${MAX_REQUEST_BYTES} bytes`);
    if (status >= 400 && status < 500) return send(reply, status, 'bad_request', message);
    deps.logger.error({ err: error }, 'internal error');
    return send(reply, 500, 'internal', 'internal server error');
  });
  app.setNotFoundHandler((request, reply) => send(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`));

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/v1/') && request.url !== '/v1') return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError(401, 'unauthorized', 'missing bearer token (Authorization: Bearer <token>)');
    const caller = await tokens.authenticate(match[1] as string);
    if (!caller) throw new ApiError(401, 'unauthorized', 'unknown or revoked token');
    request.caller = caller;
  });

  app.get('/healthz', async () => ({ ok: true as const, ...(await repo.state()) }));

  app.get('/v1/changes', async (request, reply) => {
    requireRole(request, 'agent');
    const query = parseOr400(ChangesQuerySchema, request.query, 'query');
    const json = await pages.get(query.after, query.limit, () => repo.changesPage(query.after, query.limit));
    return reply.type('application/json').send(json);
  });

  app.get('/v1/events', async (request, reply) => {
    requireRole(request, 'agent');
    const state = await repo.state();
    openEventStream(reply, { ...deps, epoch: state.epoch, latestSeq: state.latestSeq });
  });

  app.post('/v1/entries', async (request) => {
    const caller = requireRole(request, 'lead');
    const body = parseOr400(publishRequestSchema(request.body), request.body, 'body');
    const entries = 'entries' in body ? body.entries : [body];
    const prefix = 'entries' in body ? (i: number) => `entries.${i}` : () => 'entry';
    const seen = new Map<string, number>();
    entries.forEach((entry, i) => {
      const key = `${entry.locale}\u0000${entry.id}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new ApiError(400, 'bad_request', `${prefix(i)}: duplicate of ${prefix(earlier)} (same id and locale)`);
      }
      seen.set(key, i);
      if (entry.kind === 'template') {
        const check = validateTemplateBody(entry.body);
        if (!check.ok) throw new ApiError(400, 'invalid_template', `${prefix(i)}.body: the template does not parse: ${check.message}`);
      }
    });
    const result = await repo.publish(entries, caller);
    deps.pokes.afterCommit(result.latestSeq);
    return result;
  });

  app.delete('/v1/entries/:id', async (request) => {
    const caller = requireRole(request, 'lead');
    const { id } = parseOr400(z.object({ id: EntryIdSchema }), request.params, 'path');
    const { locale } = parseOr400(z.object({ locale: LocaleSchema }), request.query, 'query');
    try {
      const result = await repo.retire(id, locale, caller);
      deps.pokes.afterCommit(result.latestSeq);
      return result;
    } catch (error) {
      if (error instanceof NotFoundError) throw new ApiError(404, 'not_found', error.message);
      throw error;
    }
  });

  app.get('/v1/tokens', async (request) => {
    requireRole(request, 'admin');
    return { tokens: await tokens.list() };
  });

  app.post('/v1/tokens', async (request) => {
    requireRole(request, 'admin');
    const body = parseOr400(z.object({ name: TokenNameSchema, role: RoleSchema }).strict(), request.body, 'body');
    try {
      return { name: body.name, role: body.role, token: await tokens.create(body.name, body.role) };
    } catch (error) {
      if (error instanceof TokenExistsError) throw new ApiError(409, 'conflict', error.message);
      throw error;
    }
  });

  app.delete('/v1/tokens/:name', async (request) => {
    requireRole(request, 'admin');
    const { name } = parseOr400(z.object({ name: TokenNameSchema }), request.params, 'path');
    if (!(await tokens.revoke(name))) throw new ApiError(404, 'not_found', `no token named "${name}"`);
    return { revoked: name };
  });

  app.addHook('preClose', async () => {
    deps.streams.closeAll();
    stopInvalidating();
  });
  return app;
}

function requireRole(request: FastifyRequest, needed: Role): { name: string; role: Role } {
  const caller = request.caller;
  if (!caller) throw new ApiError(401, 'unauthorized', 'missing bearer token');
  if (RANK[caller.role] < RANK[needed]) {
    throw new ApiError(403, 'forbidden', `this needs ${article(needed)} ${needed} token; "${caller.name}" is ${article(caller.role)} ${caller.role}`);
  }
  return caller;
}

function article(role: Role): string {
  return role === 'agent' || role === 'admin' ? 'an' : 'a';
}

function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new ApiError(400, 'bad_request', `invalid ${where}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

function send(reply: FastifyReply, status: number, code: ApiErrorCode, message: string): FastifyReply {
  return reply.status(status).type('application/json').send(apiError(code, message));
}
