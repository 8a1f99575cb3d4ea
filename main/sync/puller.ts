/**
 * One pull: pages through `/v1/changes` from the stored cursor until the server has no more,
 * committing each page together with its cursor in one transaction. The next page is fetched
 * while the current one is applied. A page that fails verification stops the pull with
 * nothing of it applied; pages committed before it stay.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import { entryKey } from '../../common/knowledge';
import type { ChangesPage } from '../../common/sync-protocol';
import type { KnowledgeStore } from '../store/knowledge-store';
import { fetchText, joinUrl } from './http';
import type { Timers } from './timers';
import { PageError, verifyPage } from './verify-page';

export const META_CURSOR = 'sync.cursor';
export const META_EPOCH = 'sync.epoch';
const META_SERVER = 'sync.server';
export const META_LAST_SYNC = 'sync.lastSyncAt';

export interface SyncPosition {
  cursor: number;
  epoch: string | null;
}

export interface PullDeps {
  store: KnowledgeStore;
  fetch: typeof fetch;
  timers: Timers;
  pageSize: number;
  requestTimeoutMs: number;
  /** Aborts the pull (the engine stopping). */
  cancel?: AbortSignal;
}

export interface PullOutcome {
  applied: number;
  position: SyncPosition;
  latestSeq: number;
}

export async function pull(
  deps: PullDeps & { now: () => Date },
  server: { serverUrl: string; token: string },
  start: SyncPosition,
  onPage: (position: SyncPosition) => void,
): Promise<PullOutcome> {
  let position = start;
  let applied = 0;
  let latestSeq = start.cursor;
  let pending: Promise<unknown> | null = fetchPage(deps, server, position.cursor);
  try {
    while (pending) {
      const page = verifyPage(await pending, { after: position.cursor, epoch: position.epoch });
      if (page.items.length === 0 && page.epoch === position.epoch) break; // up to date: nothing to write
      pending = page.hasMore ? fetchPage(deps, server, page.nextCursor) : null;
      pending?.catch(() => undefined); // observed below; this only silences an abandoned prefetch
      await applyPage(deps.store, page, server.serverUrl, deps.now().toISOString());
      position = { cursor: page.nextCursor, epoch: page.epoch };
      applied += page.items.length;
      latestSeq = page.latestSeq;
      onPage(position);
    }
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { position, applied });
  }
  return { applied, position, latestSeq };
}

async function fetchPage(deps: PullDeps, server: { serverUrl: string; token: string }, after: number): Promise<unknown> {
  const url = joinUrl(server.serverUrl, `/v1/changes?after=${after}&limit=${deps.pageSize}`);
  const { text } = await fetchText(deps.fetch, url, {
    headers: { authorization: `Bearer ${server.token}`, accept: 'application/json' },
    timeoutMs: deps.requestTimeoutMs,
    timers: deps.timers,
    ...(deps.cancel ? { cancel: deps.cancel } : {}),
  });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PageError(`malformed page from the server: not JSON (${text.slice(0, 60)}…)`);
  }
}

/** Later changes to the same entry on one page win; the page and its cursor commit together. */
async function applyPage(store: KnowledgeStore, page: ChangesPage, serverUrl: string, at: string): Promise<void> {
  const final = new Map<string, { op: 'upsert'; entry: KnowledgeEntry } | { op: 'remove'; id: string; locale: string }>();
  for (const item of page.items) {
    const key = entryKey(item.id, item.locale);
    final.delete(key); // keep insertion order = order of the last change
    final.set(key, item.op === 'upsert' ? { op: 'upsert', entry: item.entry } : { op: 'remove', id: item.id, locale: item.locale });
  }
  const upserts: KnowledgeEntry[] = [];
  const removals: Array<{ id: string; locale: string }> = [];
  for (const change of final.values()) {
    if (change.op === 'upsert') upserts.push(change.entry);
    else removals.push({ id: change.id, locale: change.locale });
  }
  await store.applyAtomically(upserts, removals, {
    [META_CURSOR]: page.nextCursor,
    [META_EPOCH]: page.epoch,
    [META_SERVER]: serverUrl,
    [META_LAST_SYNC]: at,
  });
}
