/** A real sync client for tests: its own SQLite file, search index and SyncEngine. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { openDatabase, type Database } from '../../../main/store/database';
import { MetaEntity } from '../../../main/store/entities';
import { KeyValueStore } from '../../../main/store/key-value-store';
import { KnowledgeStore } from '../../../main/store/knowledge-store';
import { SearchService } from '../../../main/search/search-service';
import { SyncEngine, type SyncEngineDeps } from '../../../main/sync/sync-engine';
import { databaseFile } from '../../../main/paths';

export interface TestClient {
  dir: string;
  db: Database;
  store: KnowledgeStore;
  meta: KeyValueStore;
  search: SearchService;
  engine: SyncEngine;
  close(): Promise<void>;
}

export async function openClient(
  serverUrl: string,
  token: string,
  overrides: Partial<SyncEngineDeps> = {},
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-client-')),
): Promise<TestClient> {
  const { db } = await openDatabase({ file: databaseFile(dir) });
  const store = new KnowledgeStore(db);
  const meta = new KeyValueStore(db, MetaEntity);
  const search = await SearchService.start({ store, indexDir: path.join(dir, 'search-index') });
  const engine = new SyncEngine({
    store,
    meta,
    fetch: globalThis.fetch,
    now: () => new Date(),
    config: () => ({ serverUrl, token }),
    backoffInitialMs: 50,
    backoffMaxMs: 500,
    requestTimeoutMs: 5000,
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
      await search.close();
      await db.close();
    },
  };
}

/** `(id, locale, version)` of every entry, sorted, hashed: equal iff the contents match. */
export function checksum(rows: ReadonlyArray<{ id: string; locale: string; version: number }>): string {
  const lines = rows.map((r) => `${r.locale}\u0000${r.id}\u0000${r.version}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
