/**
 * A real sync client as the app has one: its own SQLite file, search index and SyncEngine.
 * Shared by the sync integration tests and the sync benchmark.
 */
import path from 'node:path';
import { openDatabase, type Database } from '../../main/store/database';
import { MetaEntity } from '../../main/store/entities';
import { KeyValueStore } from '../../main/store/key-value-store';
import { KnowledgeStore } from '../../main/store/knowledge-store';
import { SearchService, type SearchServiceDeps } from '../../main/search/search-service';
import { SyncEngine, type SyncEngineDeps } from '../../main/sync/sync-engine';
import { databaseFile, SEARCH_INDEX_DIR_NAME } from '../../main/paths';
import { failOnLog } from './logs';
import { EntrySigning } from '../../main/signing/entry-signing';

export interface SyncClient {
  dir: string;
  db: Database;
  store: KnowledgeStore;
  meta: KeyValueStore;
  search: SearchService;
  engine: SyncEngine;
  close(): Promise<void>;
}

/** `orgRootKey`: signed knowledge on (issue #15), every entry verified as the app does. */
export async function openSyncClient(
  dir: string,
  serverUrl: string,
  token: string,
  {
    orgRootKey,
    search: searchOptions,
    ...overrides
  }: Partial<SyncEngineDeps> & { orgRootKey?: string; search?: Pick<SearchServiceDeps, 'agentLocales' | 'heldIdleMs' | 'heldSlice'> } = {},
  /** Called before the search index subscribes to the store: a listener added here hears each commit before the index does. */
  beforeIndex?: (store: KnowledgeStore) => void,
): Promise<SyncClient> {
  const { db } = await openDatabase({ file: databaseFile(dir) });
  const store = new KnowledgeStore(db);
  beforeIndex?.(store);
  const meta = new KeyValueStore(db, MetaEntity);
  const search = await SearchService.start({ store, indexDir: path.join(dir, SEARCH_INDEX_DIR_NAME), onError: failOnLog, ...searchOptions });
  const now = () => new Date();
  const screen = orgRootKey === undefined ? undefined : new EntrySigning({ rootKey: () => orgRootKey, store, meta, fetch: globalThis.fetch, now, log: () => undefined });
  const engine = new SyncEngine({
    store,
    meta,
    fetch: globalThis.fetch,
    now,
    config: () => ({ serverUrl, token }),
    log: () => undefined,
    ...(screen ? { screen } : {}),
    ...overrides,
  });
  return {
    dir,
    db,
    store,
    meta,
    search,
    engine,
    async close() {
      await engine.stop();
      await screen?.close();
      await search.close();
      await db.close();
    },
  };
}
