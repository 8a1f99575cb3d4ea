/**
 * `sync --server <url> --token <t> [--data-dir <dir>] [--watch] [--org-root-key <pk>]`: the app's
 * sync engine from a terminal, once (exit 0 when up to date) or live until SIGINT/SIGTERM. With
 * --org-root-key (issue #15) every entry is verified against the root-signed key list first.
 */
import { openDatabase } from '../../store/database';
import { MetaEntity } from '../../store/entities';
import { KeyValueStore } from '../../store/key-value-store';
import { KnowledgeStore } from '../../store/knowledge-store';
import { databaseFile, defaultDataDir } from '../../paths';
import { SyncEngine } from '../../sync/sync-engine';
import { describeSyncStatus } from '../../sync/describe-status';
import { serverArgs } from '../server-args';
import { MAX_PAGE_SIZE } from '../../../common/sync-protocol';
import { UsageError, intFlag, parseArgs, stringFlag } from '../../../common/cli/args';
import type { CliIo } from '../cli-io';
import { publicKeyProblem } from '../../../common/signing/formats';
import { EntrySigning } from '../../signing/entry-signing';

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['server', 'token', 'data-dir', 'page-size', 'org-root-key'], ['watch']);
  const rootKey = stringFlag(parsed, 'org-root-key') ?? null;
  const rootProblem = rootKey === null ? null : publicKeyProblem(rootKey);
  if (rootProblem) throw new UsageError(`--org-root-key: ${rootProblem}`);
  if (parsed.positionals.length > 0) throw new UsageError(`sync takes no arguments (got "${parsed.positionals[0]}")`);
  const server = serverArgs(parsed);
  const pageSize = intFlag(parsed, 'page-size', 1, MAX_PAGE_SIZE);
  const dataDir = stringFlag(parsed, 'data-dir') ?? defaultDataDir();
  const { db, notices } = await openDatabase({ file: databaseFile(dataDir) });
  for (const notice of notices) io.stderr(notice);
  const store = new KnowledgeStore(db);
  const meta = new KeyValueStore(db, MetaEntity);
  const log = (line: string) => io.stderr(line);
  const signing = rootKey === null ? null : new EntrySigning({ rootKey: () => rootKey, store, meta, fetch: globalThis.fetch, now: () => new Date(), log });
  const engine = new SyncEngine({
    store,
    meta,
    fetch: globalThis.fetch,
    now: () => new Date(),
    config: () => server,
    log,
    ...(pageSize ? { pageSize } : {}),
    ...(signing ? { screen: signing } : {}),
  });
  try {
    if (parsed.flags.get('watch') === true) return await watch(engine, io);
    const result = await engine.syncNow();
    if (!result.ok) {
      io.stderr(`error: ${result.error}`);
      io.stderr(`${result.applied} change(s) were applied before it; the local data is intact at cursor ${result.cursor}`);
      return 1;
    }
    const skipped = engine.status().lastError;
    if (skipped) io.stderr(skipped);
    io.stdout(`synced ${result.applied} change(s); cursor ${result.cursor}; ${await store.count()} entries in ${dataDir}`);
    return 0;
  } finally {
    await engine.stop();
    await signing?.close();
    await db.close();
  }
}

async function watch(engine: SyncEngine, io: CliIo): Promise<number> {
  engine.onStatus((status) => io.stderr(`${describeSyncStatus(status, new Date())} (cursor ${status.cursor})`));
  // A ref'd timer keeps the process alive: the engine's own timers are unref'd.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  await engine.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  clearInterval(keepAlive);
  io.stderr('stopping');
  return 0;
}
