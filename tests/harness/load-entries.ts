/** Extra data for the harness: an NDJSON import, or N entries replicated from the shared corpus (benchmarks). */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ImportRecordSchema, type KnowledgeEntry } from '../../common/knowledge';
import type { KnowledgeStore } from '../../main/store/knowledge-store';

const DEFAULT_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/gnome-help.ndjson');

async function readRecords(file: string): Promise<KnowledgeEntry[]> {
  const entries: KnowledgeEntry[] = [];
  const now = new Date().toISOString();
  const lines = readline.createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const parsed = ImportRecordSchema.safeParse(JSON.parse(line));
    if (!parsed.success) {
      console.error(`[harness] ${file}:${lineNumber}: skipped: ${parsed.error.issues[0]?.message}`);
      continue;
    }
    const r = parsed.data;
    entries.push({
      id: r.id,
      locale: r.locale,
      kind: r.kind ?? 'article',
      title: r.title,
      body: r.body,
      tags: r.tags ?? [],
      urlOrPath: r.url_or_path ?? null,
      version: 1,
      updatedAt: now,
      approvedBy: 'harness import',
      approvedAt: now,
      reviewState: 'approved',
    });
  }
  return entries;
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
