/**
 * The Fastify application: logging, limits, error shapes, auth and routes. Every /v1 route needs
 * a bearer token (401 when missing or unknown) of a role high enough for it (403 otherwise);
 * every error is JSON `{ error: { code, message } }` (errors.ts).
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { MAX_REQUEST_BYTES } from '../common/sync-protocol';
import type { KnowledgeRepo } from './db/knowledge-repo';
import type { TokenStore } from './db/tokens';
import type { PokeHub } from './pokes';
import type { EventStreams } from './event-stream';
import { PageCache } from './page-cache';
import { ChangeFeed } from './change-feed';
import { RequestLog, type Logger } from './logger';
import { frameworkErrorOptions, installErrorHandling } from './errors';
import { installAuth } from './auth';
import { installServerTiming } from './request-timing';
import { registerRoutes } from './routes';
import type { ServerLimits } from './limits';
import { registerReviewRoutes, type ReviewRouteDeps } from './review-routes';
import { registerAnswerRoutes } from './answers/answer-routes';
import type { AnswerService } from './answers/answer-service';
import { registerFaqRoutes } from './faq/faq-routes';
import type { FaqSite } from './faq/faq-site';
import { registerSynonymRoutes } from './synonyms/synonym-routes';
import type { SynonymService } from './synonyms/synonym-service';
import { registerReportRoutes } from './reports/report-routes';
import type { SignalService } from './reports/signal-service';
import type { TrustProxy } from './trust-proxy';

/** The longest entry id (200 characters) percent-encoded: at most 4 UTF-8 bytes of 3 characters each. */
const MAX_ENCODED_ID_LENGTH = 200 * 12;

export interface AppDeps {
  repo: KnowledgeRepo;
  tokens: TokenStore;
  pokes: PokeHub;
  streams: EventStreams;
  heartbeatMs: number;
  logger: Logger;
  limits: ServerLimits;
  /** The review workflow (issue #13): submitting, reviewing, history, queue, flags, export. */
  workflow: Omit<ReviewRouteDeps, 'pokes' | 'state'>;
  /** Bots' answers and the public FAQ (issue #17), from the server's index of live entries. */
  answers: AnswerService;
  faq: FaqSite;
  /** The FAQ sitemap's origin (`https://help.example.com`); null = the request's. */
  publicUrl: string | null;
  /** The organisation's synonyms (issue #18). */
  synonyms: SynonymService;
  /** Agents' usage signals and the leads' reports (issue #18). */
  signals: SignalService;
  /** Adds `Server-Timing` to every reply (request-timing.ts; for benchmarks). */
  serverTiming?: boolean;
  /** False: `change` events never carry their changes (clients pull each one; for benchmarks' A/B). */
  inlineChanges?: boolean;
  /** Proxies whose X-Forwarded-For sets `request.ip` (and so the per-address rate limit's key). */
  trustProxy?: TrustProxy;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new RequestLog(),
    bodyLimit: MAX_REQUEST_BYTES,
    // An entry id (200 characters) percent-encoded in a path, e.g. GET /v1/entries/:id, /faq/<l>/<id>:
    // Fastify's default of 100 answered such ids 404.
    routerOptions: { maxParamLength: MAX_ENCODED_ID_LENGTH },
    forceCloseConnections: true,
    connectionTimeout: deps.limits.connectionTimeoutMs,
    requestTimeout: deps.limits.requestTimeoutMs,
    trustProxy: deps.trustProxy ?? false,
    ...frameworkErrorOptions,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installServerTiming(app, deps.serverTiming === true);
  await installAuth(app, deps.tokens, deps.limits);

  const pages = new PageCache();
  // Subscribed before any event stream, so the cache is dropped before clients are poked.
  const stopInvalidating = deps.pokes.subscribe(() => pages.invalidate());
  const state = await deps.repo.state();
  const feed = new ChangeFeed({
    pokes: deps.pokes,
    read: (after, limit, budget) => deps.repo.changesPage(after, limit, budget),
    epoch: state.epoch,
    latestSeq: state.latestSeq,
    inline: deps.inlineChanges !== false,
    onError: (error) => deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not read a change for the event stream; clients pull it'),
  });
  registerRoutes(app, { ...deps, pages, feed });
  await registerReviewRoutes(app, { ...deps.workflow, pokes: deps.pokes, state: () => deps.repo.state() });
  registerAnswerRoutes(app, deps.answers);
  registerFaqRoutes(app, deps.faq, deps.publicUrl, { max: deps.limits.faqRequestsPerAddressPerWindow, windowMs: deps.limits.faqWindowMs });
  await registerSynonymRoutes(app, deps.synonyms);
  registerReportRoutes(app, deps.signals);

  app.addHook('preClose', async () => {
    deps.streams.closeAll();
    feed.close();
    stopInvalidating();
  });
  return app;
}
