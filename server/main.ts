/**
 * `npm run server -- [--port 8787] [--host 127.0.0.1] [--data-dir <dir>] [--log-level info] [--trust-proxy …]` serves;
 * `npm run server -- token create|list|revoke …` manages tokens, `changes tombstone <seq> …` and
 * `epoch rotate` repair the change log. `DATABASE_URL=postgres://…` switches from the embedded
 * SQLite file to PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import path from 'node:path';
import { USAGE_EXIT_CODE, UsageError, intFlag, parseArgs, stringFlag, wantsHelp } from '../common/cli/args';
import { BotTagsSchema, DEFAULT_BOT_TAGS, DEFAULT_FAQ_TAG, RoleSchema, TagSchema, TokenNameSchema, type Role } from '../common/sync-protocol';
import { openServerDb as openDb, startServer } from './server';
import { connectErrorMessage, describeDbTarget, isConnectError } from './db/describe-target';
import type { DbTarget, ServerDb } from './db/server-db';
import { TokenExistsError, TokenStore } from './db/tokens';
import { changesCommand, epochCommand } from './admin-commands';
import { LOG_LEVELS, type LevelWithSilent } from './logger';
import { parseTrustProxy } from './trust-proxy';

const HELP = `usage:
  npm run server -- [--port 8787] [--host 127.0.0.1] [--data-dir <dir>] [--log-level info] [--faq-tag faq] [--trust-proxy <proxies>]
                     [--faq-requests-per-minute 600] [--answer-memory-mb 512] [--no-ranking-thread] [--server-timing] [--no-ranking-cache]
                     [--canned-answers <file>]
  npm run server -- token create --role bot|agent|lead|admin --name <label> [--tags public,billing] [--data-dir <dir>]
  npm run server -- token list [--data-dir <dir>]
  npm run server -- token revoke <name> [--data-dir <dir>]
  npm run server -- changes tombstone <seq> [<seq> …] [--data-dir <dir>]
  npm run server -- epoch rotate [--data-dir <dir>]
Logs are JSON lines on stdout; --log-level is one of fatal, error, warn, info, debug, trace, silent.
The SQLite file lives in --data-dir (default $CUECARD_SERVER_DATA_DIR or ~/.local/share/cuecard-server).
Set DATABASE_URL=postgres://… to use PostgreSQL instead.
A bot token reads live entries carrying one of its --tags (default: public) through /v1/answers;
the public FAQ (/faq/) serves articles tagged --faq-tag (default: faq), each address at most
--faq-requests-per-minute requests a minute (default: 600; then 429 with Retry-After).
Behind a reverse proxy, --trust-proxy names it (addresses or subnets, comma-separated, e.g.
127.0.0.1,10.0.0.0/8, or loopback): X-Forwarded-For then gives each client's address, which
the per-address limits count; without it the header is ignored.
Bots' answers are prepared ahead (each live entry's text and HTML, in the background after start
and after each approval) in at most --answer-memory-mb of memory (default: 512, ~3.7 KB an entry;
past it the least recently asked are prepared again when asked); /healthz says answersReady: true
once every entry is prepared. New questions are ranked on a second thread holding its own copy of
the index (~300 MB at 100,000 entries; on by default with more than one core): --no-ranking-thread
ranks them on the main thread.
--server-timing adds a Server-Timing header (time per phase) to every reply, for benchmarks;
--no-ranking-cache ranks every bot question afresh (the benchmark's uncached figure);
--canned-answers <file> answers every GET /v1/answers with that file's bytes (the benchmark's floor).`;

/** A database that cannot be reached or opened, named (never a stack trace). */
class DatabaseUnavailableError extends Error {}

/** The database for an admin command, saying so when this open gave the log a new epoch. */
async function openServerDb(target: DbTarget): Promise<ServerDb> {
  const db = await openDb(target);
  const check = db.epochCheck;
  if (check.rotated) process.stderr.write(`note: this database is not the one its log was last served from: new epoch ${check.epoch}\n`);
  return db;
}

/** `$CUECARD_SERVER_DATA_DIR`, else `$XDG_DATA_HOME/cuecard-server` (~/.local/share/cuecard-server). */
function defaultDataDir(): string {
  if (process.env.CUECARD_SERVER_DATA_DIR) return process.env.CUECARD_SERVER_DATA_DIR;
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'cuecard-server');
}

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const args = parseArgs(argv, ['port', 'host', 'data-dir', 'role', 'name', 'log-level', 'tags', 'faq-tag', 'trust-proxy', 'faq-requests-per-minute', 'answer-memory-mb', 'canned-answers'], ['server-timing', 'no-ranking-cache', 'no-ranking-thread']);
  const { positionals } = args;
  const target = { dataDir: stringFlag(args, 'data-dir') ?? defaultDataDir(), databaseUrl: process.env.DATABASE_URL };
  if (positionals[0] === 'token') {
    return tokenCommand(positionals.slice(1), { role: stringFlag(args, 'role'), name: stringFlag(args, 'name'), tags: stringFlag(args, 'tags') }, target);
  }
  if (positionals[0] === 'changes' || positionals[0] === 'epoch') {
    const command = positionals[0] === 'changes' ? changesCommand : epochCommand;
    process.stderr.write(`database: ${describeDbTarget(target)}\n`);
    const db = await namingDatabase(target, () => openServerDb(target));
    try {
      return await command(db, positionals.slice(1), (line) => process.stdout.write(`${line}\n`));
    } finally {
      await db.close();
    }
  }
  if (positionals.length > 0) throw new UsageError(`unknown command "${positionals[0]}"`);
  const logLevel = stringFlag(args, 'log-level') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel as LevelWithSilent)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);

  const port = intFlag(args, 'port', 0, 65535) ?? 8787;
  const trustProxyFlag = stringFlag(args, 'trust-proxy');
  const trustProxy = trustProxyFlag === undefined ? {} : { trustProxy: parseTrustProxy(trustProxyFlag) };
  process.stderr.write(`database: ${describeDbTarget(target)}\n`);
  const faqTag = stringFlag(args, 'faq-tag') ?? DEFAULT_FAQ_TAG;
  if (!TagSchema.safeParse(faqTag).success) throw new UsageError('--faq-tag must be one tag (1 to 100 characters)');
  const faqPerMinute = intFlag(args, 'faq-requests-per-minute', 1, 1_000_000);
  const limits = faqPerMinute === undefined ? {} : { faqRequestsPerAddressPerWindow: faqPerMinute, faqWindowMs: 60_000 };
  const answerMemoryMb = intFlag(args, 'answer-memory-mb', 1, 1_000_000);
  const cannedFile = stringFlag(args, 'canned-answers');
  const canned = cannedFile === undefined ? {} : { cannedAnswers: fs.readFileSync(cannedFile) };
  const server = await namingDatabase(target, () =>
    startServer({
      ...target,
      port,
      host: stringFlag(args, 'host') ?? '127.0.0.1',
      logLevel: logLevel as LevelWithSilent,
      faqTag,
      limits,
      serverTiming: args.flags.has('server-timing'),
      rankingCache: !args.flags.has('no-ranking-cache'),
      ...(args.flags.has('no-ranking-thread') ? { rankingThread: false } : {}),
      ...(answerMemoryMb === undefined ? {} : { answerMemoryMb }),
      ...canned,
      ...trustProxy,
    }),
  );
  process.stdout.write(`listening on ${server.url}\n`);
  const loopDelay = args.flags.has('server-timing') ? monitorEventLoopDelay({ resolution: 10 }) : null;
  loopDelay?.enable();
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`${signal}: shutting down\n`);
      if (loopDelay) process.stderr.write(`${describeLoopDelay(loopDelay)}\n`);
      server.close().then(resolve, (error: unknown) => {
        process.stderr.write(`error while closing: ${String(error)}\n`);
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

async function tokenCommand(
  args: string[],
  values: { role?: string | undefined; name?: string | undefined; tags?: string | undefined },
  target: DbTarget,
): Promise<number> {
  const [action, ...rest] = args;
  process.stderr.write(`database: ${describeDbTarget(target)}\n`);
  const db = await namingDatabase(target, () => openServerDb(target));
  try {
    const tokens = new TokenStore(db);
    switch (action) {
      case 'create': {
        const role = RoleSchema.safeParse(values.role);
        if (!role.success) throw new UsageError('--role must be bot, agent, lead or admin');
        const name = TokenNameSchema.safeParse(values.name);
        if (!name.success) throw new UsageError(`--name ${name.error.issues[0]?.message ?? 'is required'}`);
        const tags = botTags(role.data, values.tags);
        const token = await tokens.create(name.data, role.data, tags);
        const audience = role.data === 'bot' ? ` reading entries tagged ${(tags ?? DEFAULT_BOT_TAGS).join(' or ')}` : '';
        process.stderr.write(`created ${role.data} token "${name.data}"${audience} (shown once; only its hash is stored):\n`);
        process.stdout.write(`${token}\n`);
        return 0;
      }
      case 'list': {
        for (const t of await tokens.list()) process.stdout.write(`${t.name}\t${t.role}\t${t.createdAt}${t.tags ? `\t${t.tags.join(',')}` : ''}\n`);
        return 0;
      }
      case 'revoke': {
        const name = rest[0] ?? values.name;
        if (!name) throw new UsageError('token revoke needs a name');
        if (!(await tokens.revoke(name))) {
          process.stderr.write(`no token named "${name}"\n`);
          return 1;
        }
        process.stdout.write(`revoked ${name}\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown token action "${action ?? ''}" (create, list, revoke)`);
    }
  } finally {
    await db.close();
  }
}

/** `--tags a,b` of `token create`: only for a bot; none given = null (the default audience). */
function botTags(role: Role, raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  if (role !== 'bot') throw new UsageError('--tags is for --role bot only');
  const tags = BotTagsSchema.safeParse(raw.split(',').map((t) => t.trim()).filter((t) => t !== ''));
  if (!tags.success) throw new UsageError(`--tags: ${tags.error.issues[0]?.message ?? 'invalid'} (one to 20 comma-separated tags)`);
  return tags.data;
}

/** For --server-timing: how long the event loop was blocked while serving (stalls: GC, synchronous work). */
function describeLoopDelay(h: IntervalHistogram): string {
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  return `event loop delay (ms, sampled every 10 ms): p50 ${ms(h.percentile(50))}, p99 ${ms(h.percentile(99))}, p99.9 ${ms(h.percentile(99.9))}, max ${ms(h.max)}`;
}

/** Runs `open`, turning a failure to reach or open the database into one line that names it. */
async function namingDatabase<T>(target: DbTarget, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (isConnectError(error)) throw new DatabaseUnavailableError(connectErrorMessage(target, error));
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${HELP}\n`);
      process.exitCode = USAGE_EXIT_CODE;
    } else if (error instanceof TokenExistsError || error instanceof DatabaseUnavailableError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`fatal: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
