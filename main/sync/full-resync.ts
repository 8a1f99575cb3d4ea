/**
 * A resync from scratch: the whole change log of the configured server, pulled into the staging
 * table page by page (each page with the staging position, in one transaction, so a crash or a
 * failure resumes where it stopped), then swapped in for `entries` in one transaction. Until the
 * swap the agent searches the old entries; after it, only the new server's.
 *
 * It starts when the configured server is not the one the entries came from (Settings or policy
 * changed the URL), when the server's log has a new epoch (restored from a backup, migrated,
 * replaced), or when the agent asks for it (Settings → "Resync from scratch").
 */
import { z } from 'zod';
import type { KeyValueStore } from '../store/key-value-store';
import type { KnowledgeStore } from '../store/knowledge-store';
import {
  finalChanges,
  liveSink,
  META_CURSOR,
  META_EPOCH,
  META_LAST_SYNC,
  META_SERVER,
  pull,
  type PageSink,
  type PullDeps,
  type PullOutcome,
  type SkippedLedger,
  type SyncPosition,
} from './puller';
import { META_SKIPPED, NONE_SKIPPED, skippedAfter } from './skipped-entries';
import { EpochChangedError } from './verify-page';

export const META_STAGING = 'sync.staging';

const StagingSchema = z.object({
  server: z.string(),
  cursor: z.number().int().nonnegative(),
  epoch: z.string().nullable(),
});
type Staging = z.infer<typeof StagingSchema>;

/** Server URLs as settings may spell them: a trailing slash is the same server. */
function sameServer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/**
 * The staging position to continue from: a resync of this server left unfinished, or a new one
 * when the entries came from another server. Null when a normal pull is right.
 */
export async function pendingResync(meta: KeyValueStore, store: KnowledgeStore, serverUrl: string): Promise<Staging | null> {
  const staging = StagingSchema.safeParse(await meta.get(META_STAGING));
  if (staging.success && sameServer(staging.data.server, serverUrl)) return staging.data;
  const source = await meta.get(META_SERVER);
  const switched = typeof source === 'string' && !sameServer(source, serverUrl);
  return switched || staging.success ? beginResync(store, serverUrl) : null;
}

/** Empties the staging table and records a resync of `serverUrl` from cursor 0. */
export async function beginResync(store: KnowledgeStore, serverUrl: string): Promise<Staging> {
  const staging: Staging = { server: serverUrl, cursor: 0, epoch: null };
  await store.clearStaging({ [META_STAGING]: staging });
  return staging;
}

/** Skipped items are counted in memory during a resync and stored with the swap. */
function stagingSink(store: KnowledgeStore, serverUrl: string, ledger: SkippedLedger): PageSink {
  return async (page) => {
    const { upserts, removals } = finalChanges(page);
    const position: Staging = { server: serverUrl, cursor: page.nextCursor, epoch: page.epoch };
    await store.applyToStaging(upserts, removals, { [META_STAGING]: position });
    ledger.state = skippedAfter(ledger.state, page);
  };
}

/**
 * Pulls the rest of the log into staging and swaps it in. A new epoch during the resync starts
 * it over once (the log was replaced again meanwhile); a second one is an error.
 */
export async function runResync(
  deps: PullDeps & { store: KnowledgeStore; now: () => Date },
  server: { serverUrl: string; token: string },
  start: Staging,
  ledger: SkippedLedger,
): Promise<PullOutcome> {
  let staging = start;
  for (let attempt = 0; ; attempt += 1) {
    try {
      ledger.state = NONE_SKIPPED;
      const outcome = await pull(deps, server, staging, stagingSink(deps.store, server.serverUrl, ledger), () => undefined);
      await deps.store.swapInStaged({
        [META_CURSOR]: outcome.position.cursor,
        [META_EPOCH]: outcome.position.epoch,
        [META_SERVER]: server.serverUrl,
        [META_LAST_SYNC]: deps.now().toISOString(),
        [META_STAGING]: null,
        [META_SKIPPED]: ledger.state,
      });
      return outcome;
    } catch (error) {
      if (!(error instanceof EpochChangedError) || attempt > 0) throw error;
      staging = await beginResync(deps.store, server.serverUrl);
    }
  }
}

/**
 * A normal pull, or a resync from scratch when one is due: asked for (`resync`), left unfinished,
 * another server than the entries came from, or a new epoch met during the pull.
 */
export async function pullOrResync(
  deps: PullDeps & { store: KnowledgeStore; meta: KeyValueStore; now: () => Date; log: (line: string) => void },
  server: { serverUrl: string; token: string },
  state: { position: SyncPosition; resync: boolean; skipped: SkippedLedger },
  onPage: (position: SyncPosition) => void,
): Promise<PullOutcome> {
  let staging = state.resync
    ? await beginResync(deps.store, server.serverUrl)
    : await pendingResync(deps.meta, deps.store, server.serverUrl);
  if (!staging) {
    try {
      return await pull(deps, server, state.position, liveSink(deps.store, server.serverUrl, deps.now, state.skipped), onPage);
    } catch (error) {
      if (!(error instanceof EpochChangedError)) throw error;
      deps.log(`the server's change log has a new epoch (${error.epoch}): resyncing from scratch`);
      staging = await beginResync(deps.store, server.serverUrl);
    }
  }
  const ledger: SkippedLedger = { state: NONE_SKIPPED };
  const outcome = await runResync(deps, server, staging, ledger);
  state.skipped.state = ledger.state;
  return outcome;
}
