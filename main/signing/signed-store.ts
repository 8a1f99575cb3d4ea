/** The local store with its signing state, for the CLI's `show` and `audit` (no server needed). */
import { databaseFile } from '../paths';
import { openDatabase } from '../store/database';
import { MetaEntity } from '../store/entities';
import { KeyValueStore } from '../store/key-value-store';
import { KnowledgeStore } from '../store/knowledge-store';
import { EntrySigning, META_VERIFIED_ROOT } from './entry-signing';

export async function openSignedStore(dataDir: string, rootKey: string | null, io: { stderr(line: string): void }) {
  const { db, notices } = await openDatabase({ file: databaseFile(dataDir) });
  for (const notice of notices) io.stderr(notice);
  const store = new KnowledgeStore(db);
  const meta = new KeyValueStore(db, MetaEntity);
  const synced = await meta.get(META_VERIFIED_ROOT);
  const root = rootKey ?? (typeof synced === 'string' ? synced : null);
  const signing = new EntrySigning({
    rootKey: () => root,
    store,
    meta,
    fetch: () => Promise.reject(new Error('no network here')),
    now: () => new Date(),
    log: (line) => io.stderr(line),
  });
  return { store, meta, signing, root, close: () => db.close() };
}
