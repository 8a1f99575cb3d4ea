/**
 * The review workflow's HTTP API (issue #13; schemas in common/review-protocol.ts): submitting
 * versions, review actions, history, the leads' queue, flags and the export. Roles are declared
 * per route for the auth hook (auth.ts); what each role may do beyond that is the workflow's rule
 * (common/workflow.ts), refused with `four_eyes`, `invalid_transition` or `stale_base` and the
 * current state or version.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EntryIdSchema, LocaleSchema } from '../common/knowledge';
import {
  ExportQuerySchema,
  FlagRequestSchema,
  REVIEW_ACTION_BODIES,
  ResolveFlagSchema,
  SubmitRequestSchema,
  type ReviewActionName,
} from '../common/review-protocol';
import { wellFormed } from '../common/sync-protocol';
import { RetireBodySchema } from '../common/signing/signing-protocol';
import { validateTemplateBody } from '../common/templates/validate-template';
import type { Actor } from '../common/workflow';
import { ApiError } from './errors';
import { callerOf } from './auth';
import type { PokeHub } from './pokes';
import type { ServerDb } from './db/server-db';
import type { ReviewService, ActionResult } from './review/review-service';
import type { ReviewQueries } from './review/review-queries';
import type { FlagService } from './review/flag-service';
import { WorkflowError } from './review/workflow-error';
import { registerSigningRoutes } from './signing/signing-routes';
import { registerRetirementRoutes } from './signing/retirement-routes';
import { SigningService } from './signing/signing-service';
import type { LibraryQueries } from './review/library-queries';
import { registerLibraryRoutes } from './library-routes';
import { decodeCursor, encodeCursor } from './entry-cursor';

export interface ReviewRouteDeps {
  review: ReviewService;
  queries: ReviewQueries;
  library: LibraryQueries;
  flags: FlagService;
  pokes: PokeHub;
  state: () => Promise<{ latestSeq: number }>;
  /** The database the signing routes (issue #15) read and write. */
  db: ServerDb;
  now: () => Date;
}

const IdParams = z.object({ id: wellFormed(EntryIdSchema) });

export async function registerReviewRoutes(fastify: FastifyInstance, deps: ReviewRouteDeps): Promise<void> {
  await fastify.register(async (scope) => {
    // Workflow refusals carry the current state or version; anything else goes to the app's handler.
    scope.setErrorHandler((error, _request, reply) => {
      if (error instanceof WorkflowError) return reply.status(error.status).type('application/json').send(error.body());
      throw error;
    });
    routes(scope, deps);
    registerSigningRoutes(scope, new SigningService(deps.db, deps.now, deps.pokes), deps.library);
    registerRetirementRoutes(scope, { review: deps.review, db: deps.db, pokes: deps.pokes });
    registerLibraryRoutes(scope, deps.library);
  });
}

function routes(scope: FastifyInstance, deps: ReviewRouteDeps): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { review, queries, flags } = deps;
  const answer = async (result: ActionResult) => {
    if (result.latestSeq !== null) deps.pokes.afterCommit(result.latestSeq);
    return { ...result.ref, latestSeq: result.latestSeq ?? (await deps.state()).latestSeq };
  };

  app.post('/v1/entries', { config: { role: 'lead' }, schema: { body: SubmitRequestSchema } }, async (request) => {
    const { entries, approve, single } = request.body;
    const where = (i: number) => (single ? 'entry' : `entries.${i}`);
    const seen = new Map<string, number>();
    entries.forEach((entry, i) => {
      const key = `${entry.locale}\u0000${entry.id}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) throw new ApiError(400, 'bad_request', `${where(i)}: duplicate of ${where(earlier)} (same id and locale)`);
      seen.set(key, i);
      if (entry.kind === 'template') {
        const check = validateTemplateBody(entry.body);
        if (!check.ok) throw new ApiError(400, 'invalid_template', `${where(i)}.body: the template does not parse: ${check.message}`);
      }
    });
    const { result, latestSeq } = await review.submit(entries, actorOf(request), approve);
    if (latestSeq !== null) deps.pokes.afterCommit(latestSeq);
    return { ...result, latestSeq: latestSeq ?? (await deps.state()).latestSeq };
  });

  app.delete(
    '/v1/entries/:id',
    {
      config: { role: 'lead' },
      // The body is optional: an unsigned retirement (no org root key pinned anywhere) is as before.
      schema: { params: IdParams, querystring: z.object({ locale: LocaleSchema }), body: RetireBodySchema.nullish() },
    },
    async (request) => {
      const result = await review.retire(request.params.id, request.query.locale, actorOf(request), request.body?.signature);
      deps.pokes.afterCommit(result.latestSeq);
      return result;
    },
  );

  const action = <S extends z.ZodType>(name: ReviewActionName, body: S, run: (id: string, body: z.output<S>, actor: Actor) => Promise<ActionResult>) =>
    app.post(`/v1/entries/:id/${name}`, { config: { role: 'lead' }, schema: { params: IdParams, body } }, async (request) =>
      answer(await run(request.params.id, request.body as z.output<S>, actorOf(request))),
    );
  const B = REVIEW_ACTION_BODIES;
  action('submit', B.submit, (id, b, actor) => review.submitDraft(id, b.locale, actor, b.version));
  action('approve', B.approve, (id, b, actor) => review.approve(id, b.locale, actor, b.version, b.signature));
  action('reject', B.reject, (id, b, actor) => review.reject(id, b.locale, actor, b.comment, b.version));
  action('verify', B.verify, (id, b, actor) => review.verify(id, b.locale, actor));
  action('confirm-translation', B['confirm-translation'], (id, b, actor) => review.confirmTranslation(id, b.locale, actor));
  action('rollback', B.rollback, (id, b, actor) => review.rollback(id, b.locale, actor, b.to));
  action('owner', B.owner, (id, b, actor) => review.setOwner(id, b.locale, actor, b));

  app.get(
    '/v1/entries/:id/history',
    { config: { role: 'agent' }, schema: { params: IdParams, querystring: z.object({ locale: LocaleSchema }) } },
    async (request) => {
      const { id } = request.params;
      const { locale } = request.query;
      // Agents see only versions that were live: a draft's text is not theirs to read.
      const items = await queries.history(id, locale, callerOf(request).role === 'agent');
      return { id, locale, items };
    },
  );

  app.get('/v1/queue', { config: { role: 'lead' }, schema: { querystring: z.object({ mine: z.enum(['true', 'false']).optional() }) } }, async (request) => {
    const mine = request.query.mine === 'true';
    return { items: await queries.queue(mine ? callerOf(request).name : null) };
  });

  app.get('/v1/export', { config: { role: 'lead' }, schema: { querystring: ExportQuerySchema } }, async (request) => {
    const { cursor, limit } = request.query;
    const page = await queries.exportPage(cursor === undefined ? null : decodeCursor(cursor), limit);
    return { items: page.items, nextCursor: page.next === null ? null : encodeCursor(page.next) };
  });

  app.post('/v1/flags', { config: { role: 'agent' }, schema: { body: FlagRequestSchema } }, async (request) =>
    flags.raise(request.body, actorOf(request)),
  );

  app.post(
    '/v1/flags/:flagId/resolve',
    { config: { role: 'lead' }, schema: { params: z.object({ flagId: z.uuid() }), body: ResolveFlagSchema } },
    async (request) => {
      const { resolution, comment } = request.body;
      return flags.resolve(request.params.flagId, resolution, comment, actorOf(request));
    },
  );
}

function actorOf(request: Parameters<typeof callerOf>[0]): Actor {
  const caller = callerOf(request);
  return { name: caller.name, role: caller.role };
}
