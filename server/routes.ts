/**
 * The HTTP API. Each route declares its schemas (zod, through fastify-type-provider-zod: one
 * declaration gives validation, the handler's types and the 400 error) and the least role it
 * needs (`config.role`, enforced by the hook in auth.ts; none = public).
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BotTagsSchema, ChangesQuerySchema, RoleSchema, TokenNameSchema } from '../common/sync-protocol';
import type { KnowledgeRepo } from './db/knowledge-repo';
import { TokenExistsError, type TokenStore } from './db/tokens';
import { openEventStream, type EventStreams } from './event-stream';
import type { PageCache } from './page-cache';
import type { ChangeFeed } from './change-feed';
import { ApiError } from './errors';
import { bearerToken, callerOf } from './auth';

export interface RouteDeps {
  repo: KnowledgeRepo;
  tokens: TokenStore;
  streams: EventStreams;
  pages: PageCache;
  feed: ChangeFeed;
  heartbeatMs: number;
  /** Whether bots' answers are all prepared (a readiness probe's signal; answers/prepared-answers.ts). */
  answers: { readonly ready: boolean };
}

/** Sent with a refused event stream: a client retries after this. */
const STREAM_RETRY_AFTER_S = 30;

export function registerRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { repo, tokens, pages } = deps;

  app.get('/healthz', async () => ({ ok: true as const, ...(await repo.state()), answersReady: deps.answers.ready }));

  app.get('/v1/changes', { config: { role: 'agent' }, schema: { querystring: ChangesQuerySchema } }, async (request, reply) => {
    const { after, limit } = request.query;
    const json = await pages.get(after, limit, () => repo.changesPageBytes(after, limit));
    return reply.type('application/json').send(json);
  });

  app.get('/v1/events', { config: { role: 'agent' } }, async (request, reply) => {
    const caller = callerOf(request);
    const refusal = deps.streams.refusal(caller.name);
    if (refusal) throw new ApiError(429, 'too_many_streams', refusal, { 'retry-after': String(STREAM_RETRY_AFTER_S) });
    const token = bearerToken(request) as string;
    const state = await repo.state();
    request.log.info({ caller: caller.name }, 'event stream opened');
    openEventStream(reply, {
      ...deps,
      latestSeq: state.latestSeq,
      owner: caller.name,
      stillAuthorised: async () => (await tokens.authenticate(token)) !== null,
    });
  });

  // POST /v1/entries and DELETE /v1/entries/:id (publishing and retiring) are the review
  // workflow's: see review-routes.ts.

  app.get('/v1/tokens', { config: { role: 'admin' } }, async () => ({ tokens: await tokens.list() }));

  app.post(
    '/v1/tokens',
    { config: { role: 'admin' }, schema: { body: z.object({ name: TokenNameSchema, role: RoleSchema, tags: BotTagsSchema.optional() }).strict() } },
    async (request) => {
      const { name, role, tags } = request.body;
      if (tags !== undefined && role !== 'bot') throw new ApiError(400, 'bad_request', 'invalid body: tags: only a bot token has tags');
      try {
        return { name, role, token: await tokens.create(name, role, tags ?? null) };
      } catch (error) {
        if (error instanceof TokenExistsError) throw new ApiError(409, 'conflict', error.message);
        throw error;
      }
    },
  );

  app.delete(
    '/v1/tokens/:name',
    { config: { role: 'admin' }, schema: { params: z.object({ name: TokenNameSchema }) } },
    async (request) => {
      const { name } = request.params;
      if (!(await tokens.revoke(name))) throw new ApiError(404, 'not_found', `no token named "${name}"`);
      deps.streams.closeOwner(name); // its open event streams end now, not at their next heartbeat
      return { revoked: name };
    },
  );
}
