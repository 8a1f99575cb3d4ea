/** One benchmark client: its own DB file, search index and live SyncEngine. */
import path from 'node:path';
import { openDatabase, type Database } from '../../main/store/database';
import { MetaEntity } from '../../main/store/entities';
import { KeyValueStore } from '../../main/store/key-value-store';
import { KnowledgeStore } from '../../main/store/knowledge-store';
import { SearchService } from '../../main/search/search-service';
import { SyncEngine, type SyncEngineDeps } from '../../main/sync/sync-engine';
import { databaseFile } from '../../main/paths';

export interface BenchClient {
  db: Database;
  store: KnowledgeStore;
  search: SearchService;
  engine: SyncEngine;
  close(): Promise<void>;
}

export async function openBenchClient(dir: string, serverUrl: string, token: string, extra: Partial<SyncEngineDeps> = {}): Promise<BenchClient> {
  const { db } = await openDatabase({ file: databaseFile(dir) });
  const store = new KnowledgeStore(db);
  const search = await SearchService.start({ store, indexDir: path.join(dir, 'search-index') });
  const engine = new SyncEngine({
    store,
    meta: new KeyValueStore(db, MetaEntity),
    fetch: globalThis.fetch,
    now: () => new Date(),
    config: () => ({ serverUrl, token }),
    ...extra,
  });
  return {
    db,
    store,
    search,
    engine,
    async close() {
      await engine.stop();
      await search.close();
      await db.close();
    },
  };
}
