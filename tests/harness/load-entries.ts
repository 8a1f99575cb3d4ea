/** Extra data for the harness: an NDJSON import, or N entries replicated from the shared corpus (benchmarks). */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importedEntry, readImportRecords } from '../../common/import-records';
import type { KnowledgeEntry } from '../../common/knowledge';
import type { KnowledgeStore } from '../../main/store/knowledge-store';

const DEFAULT_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/gnome-help.ndjson');

async function readRecords(file: string): Promise<KnowledgeEntry[]> {
  const now = new Date().toISOString();
  const { records, problems } = readImportRecords(await readFile(file, 'utf8'));
  for (const problem of problems) console.error(`[harness] ${file}:${problem}: skipped`);
  return records.map(({ record }) =>
    importedEntry(record, { kind: record.kind, version: 1, now, approvedBy: 'harness import' }),
  );
}

export async function loadHarnessEntries(
  store: KnowledgeStore,
  options: { importFile?: string; docs?: number },
): Promise<void> {
  if (options.importFile) await store.upsertMany(await readRecords(options.importFile));
  if (options.docs) {
    if (!existsSync(DEFAULT_CORPUS)) throw new Error(`--docs needs the shared corpus at ${DEFAULT_CORPUS}, which is missing.`);
    const base = await readRecords(DEFAULT_CORPUS);
    const target = options.docs - (await store.count());
    const copies: KnowledgeEntry[] = [];
    for (let i = 0; copies.length < target; i += 1) {
      const source = base[i % base.length]!;
      const round = Math.floor(i / base.length);
      copies.push(round === 0 ? source : { ...source, id: `${source.id}~${round}`, title: `${source.title} (${round})` });
    }
    await store.upsertMany(copies);
  }
}
