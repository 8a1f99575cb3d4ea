/** Builds a running knowledge server from its options; used by server/main.ts and the tests. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { ReviewService } from './review/review-service';
import { ReviewQueries } from './review/review-queries';
import { LibraryQueries } from './review/library-queries';
import { FlagService } from './review/flag-service';
import { SynonymService } from './synonyms/synonym-service';
import { SigningService } from './signing/signing-service';
import { SignalService } from './reports/signal-service';
import { KnowledgeRepo } from './db/knowledge-repo';
import { ServerDb, type DbTarget } from './db/server-db';
import { TokenStore } from './db/tokens';
import { EventStreams } from './event-stream';
import { DEFAULT_CHANNEL, LocalPokeHub, PostgresPokeHub, type PokeHub } from './pokes';
import { createLogger, type Logger, type LevelWithSilent } from './logger';
import type { DestinationStream } from 'pino';
import { DEFAULT_LIMITS, type ServerLimits } from './limits';
import { AnswerIndex } from './answers/answer-index';
import { AnswerService } from './answers/answer-service';
import { CannedAnswers } from './answers/canned-answers';
import { BodyRenderer } from './answers/answer-body';
import { PreparedAnswers } from './answers/prepared-answers';
import { AnswersSpeedUp } from './answers/answers-speed-up';
import type { RankingThread } from './answers/ranking-thread';
import os from 'node:os';
import { FaqSite } from './faq/faq-site';
import { DEFAULT_FAQ_TAG } from '../common/sync-protocol';
import type { TrustProxy } from './trust-proxy';

export interface ServerOptions extends DbTarget {
  port?: number;
  host?: string;
  /** PostgreSQL NOTIFY channel; instances sharing a database must use the same one. */
  channel?: string;
  heartbeatMs?: number;
  now?: () => Date;
  /** Default `info`; `silent` for tests. */
  logLevel?: LevelWithSilent;
  /** Where JSON log lines go (default stdout). */
  logStream?: DestinationStream;
  /** Overrides of DEFAULT_LIMITS (limits.ts). */
  limits?: Partial<ServerLimits>;
  /** Live articles with this tag make the public FAQ (default `faq`). */
  faqTag?: string;
  /** The FAQ sitemap's origin, e.g. `https://help.example.com` (default: the request's). */
  publicUrl?: string;
  /** Adds `Server-Timing` to every reply (server/request-timing.ts; for benchmarks). */
  serverTiming?: boolean;
  /** Memory for bots' answers prepared ahead (answers/prepared-answers.ts; default 512 MB). */
  answerMemoryMb?: number;
  /**
   * Ranks bots' new questions on a second thread holding its own copy of the answer index
   * (answers/ranking-thread.ts). Default: on when the machine has more than one core.
   */
  rankingThread?: boolean;
  /** False: every bot question is ranked afresh (for the benchmark's uncached figure). */
  rankingCache?: boolean;
  /** Every `GET /v1/answers` gets these bytes (answers/canned-answers.ts: the benchmark's floor). */
  cannedAnswers?: Buffer;
  /** False: `change` events are plain pokes, as before issue #19 (tests of older servers). */
  inlineChanges?: boolean;
  /** The proxies whose X-Forwarded-For is believed (`--trust-proxy`, trust-proxy.ts); none by default. */
  trustProxy?: TrustProxy;
}

export interface RunningServer {
  url: string;
  port: number;
  app: FastifyInstance;
  db: ServerDb;
  repo: KnowledgeRepo;
  tokens: TokenStore;
  streams: EventStreams;
  /** The index of live entries that answers bots and serves the FAQ. */
  answers: AnswerIndex;
  close(): Promise<void>;
}

export async function openServerDb(target: DbTarget): Promise<ServerDb> {
  return ServerDb.open(target);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger: Logger = createLogger(options.logLevel, options.logStream);
  const now = options.now ?? (() => new Date());
  const db = await ServerDb.open(options);
  let pokes: PokeHub;
  try {
    const epoch = db.epochCheck;
    if (epoch.rotated) {
      logger.warn({ epoch: epoch.epoch, previous: epoch.previous }, 'this database is not the one the change log was last served from (a restored backup, a copy or a migration): new epoch; clients resynchronise');
    }
    pokes =
      db.dialect === 'postgres'
        ? await PostgresPokeHub.start(
            db.databaseUrl as string,
            options.channel ?? DEFAULT_CHANNEL,
            async () => ({ latestSeq: (await new KnowledgeRepo(db).state()).latestSeq, keyListVersion: await new SigningService(db, now).listVersion() }),
            logger,
          )
        : new LocalPokeHub();
  } catch (error) {
    await db.close();
    throw error;
  }
  const repo = new KnowledgeRepo(db, now, pokes.inTransaction);
  const tokens = new TokenStore(db, now);
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const streams = new EventStreams({ perToken: limits.streamsPerToken, total: limits.streamsTotal });
  const host = options.host ?? '127.0.0.1';
  let app: FastifyInstance;
  let answers: AnswerIndex | null = null;
  let prepared: PreparedAnswers | null = null;
  let speedUp: AnswersSpeedUp | null = null;
  let threadAtStart: RankingThread | null = null;
  try {
    const workflow = { review: new ReviewService(db, repo, now), queries: new ReviewQueries(db, now), library: new LibraryQueries(db), flags: new FlagService(db, repo, now), db, now };
    // Bots' speed-ups start at once when bots exist, else on the first bot question (answers-speed-up.ts).
    const speed = { thread: options.rankingThread ?? os.availableParallelism() > 1 };
    const botsAtStart = (await tokens.list()).some((token) => token.role === 'bot');
    threadAtStart = botsAtStart ? await AnswersSpeedUp.threadAtStart(speed, logger) : null;
    answers = await AnswerIndex.open(db, pokes, logger, threadAtStart);
    const bodies = new BodyRenderer();
    const faq = new FaqSite(answers, bodies, options.faqTag ?? DEFAULT_FAQ_TAG);
    prepared = new PreparedAnswers(answers, bodies, options.answerMemoryMb === undefined ? {} : { maxBytes: options.answerMemoryMb * 1024 * 1024 });
    speedUp = new AnswersSpeedUp(answers, prepared, speed, logger);
    if (botsAtStart) void speedUp.start(threadAtStart);
    app = await buildApp({
      repo, tokens, pokes, streams, heartbeatMs: options.heartbeatMs ?? 15_000, logger, limits, workflow,
      answers: answerService(answers, prepared, speedUp, options), faq, publicUrl: options.publicUrl ?? null,
      synonyms: new SynonymService({ db, now, signing: new SigningService(db, now), pokes }),
      signals: new SignalService(db, workflow.queries, now),
      ...(options.inlineChanges === undefined ? {} : { inlineChanges: options.inlineChanges }),
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
      serverTiming: options.serverTiming === true,
    });
    app.server.maxConnections = limits.maxConnections;
    await app.listen({ port: options.port ?? 8787, host });
  } catch (error) {
    prepared?.close();
    answers?.close();
    await (speedUp ? speedUp.close() : threadAtStart?.close());
    await pokes.close();
    await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8787);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    app,
    db,
    repo,
    tokens,
    streams,
    answers,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        prepared?.close();
        answers.close();
        await speedUp?.close();
        await pokes.close();
        await db.close();
      })()),
  };
}

function answerService(index: AnswerIndex, prepared: PreparedAnswers, ranking: AnswersSpeedUp, options: Pick<ServerOptions, 'rankingCache' | 'cannedAnswers'>): AnswerService {
  const base: ConstructorParameters<typeof AnswerService> = [index, prepared, ranking, options.rankingCache !== false];
  return options.cannedAnswers ? new CannedAnswers(base, options.cannedAnswers) : new AnswerService(...base);
}
