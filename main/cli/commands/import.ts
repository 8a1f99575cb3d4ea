/**
 * `import <file.ndjson> [--data-dir <dir>] [--kind article|template] [--format cuecard|osticket|zendesk]`:
 * loads records into the local store. Lines are read by common/import-records.ts, the same
 * reader `publish` uses: bad lines are reported with their line number on stderr and skipped,
 * mended ones (a tag cut) with a warning; the rest is imported. An import that imports nothing
 * exits 1, like publish. Re-importing updates in place: the version goes up only when the
 * content changed. Afterwards the search index is brought up to date and persisted, so the next
 * `search` (or app start) loads it instead of rebuilding. `--format osticket|zendesk` converts
 * another help desk's templates (common/templates/import-formats.ts).
 */
import { importedEntry, readImportRecords, type NumberedRecord } from '../../../common/import-records';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EntryKindSchema, entryKey, type KnowledgeEntry } from '../../../common/knowledge';
import { IMPORT_FORMATS, isImportFormat } from '../../../common/templates/import-formats';
import { databaseFile, defaultDataDir, SEARCH_INDEX_DIR_NAME } from '../../paths';
import { SearchService } from '../../search/search-service';
import { openDatabase } from '../../store/database';
import { KnowledgeStore } from '../../store/knowledge-store';
import { UsageError, parseArgs, stringFlag } from '../../../common/cli/args';
import type { CliIo } from '../cli-io';

const MAX_REPORTED_PROBLEMS = 50;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['data-dir', 'kind', 'format']);
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError('import needs exactly one <file.ndjson>');
  const kindFlag = stringFlag(parsed, 'kind');
  const kindParsed = kindFlag === undefined ? undefined : EntryKindSchema.safeParse(kindFlag);
  if (kindParsed && !kindParsed.success) throw new UsageError('--kind must be article or template');
  const format = stringFlag(parsed, 'format') ?? 'cuecard';
  if (!isImportFormat(format)) throw new UsageError(`--format must be ${IMPORT_FORMATS.join(', ')}`);
  const dataDir = stringFlag(parsed, 'data-dir') ?? defaultDataDir();

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`error: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const { records, problems, warnings } = readImportRecords(text, {
    format,
    ...(kindParsed?.success ? { forceKind: kindParsed.data } : {}),
  });
  report(io, file, warnings, 'warning: ', 'more warnings');
  report(io, file, problems, '', 'more bad lines');
  if (records.length === 0) {
    io.stderr(`error: nothing to import from ${file} (${problems.length} bad line(s)); nothing was changed`);
    return 1;
  }

  const opened = await openDatabase({ file: databaseFile(dataDir) });
  for (const notice of opened.notices) io.stderr(`notice: ${notice}`);
  const store = new KnowledgeStore(opened.db);
  try {
    const existing = new Map((await store.all()).map((e) => [entryKey(e.id, e.locale), e]));
    const now = new Date().toISOString();
    const changed: KnowledgeEntry[] = [];
    let created = 0;
    for (const { record } of records) {
      const prior = existing.get(entryKey(record.id, record.locale));
      const entry = toEntry(record, prior, now);
      if (prior && sameContent(prior, entry)) continue;
      if (!prior) created += 1;
      changed.push(entry);
    }
    await store.upsertMany(changed);
    io.stderr(`updating the search index in ${dataDir}…`);
    const search = await SearchService.start({
      store,
      indexDir: path.join(dataDir, SEARCH_INDEX_DIR_NAME),
      onError: (error) => io.stderr(`could not save the search index: ${error instanceof Error ? error.message : String(error)}`),
    });
    await search.ready;
    await search.close();
    io.stdout(
      `imported ${records.length} record(s) from ${file} into ${dataDir}: ${created} new, ` +
        `${changed.length - created} updated, ${records.length - changed.length} unchanged; ${problems.length} bad line(s) skipped`,
    );
    return 0;
  } finally {
    await opened.db.close();
  }
}

function report(io: CliIo, file: string, lines: readonly string[], prefix: string, more: string): void {
  for (const line of lines.slice(0, MAX_REPORTED_PROBLEMS)) io.stderr(`${prefix}${file}:${line}`);
  if (lines.length > MAX_REPORTED_PROBLEMS) io.stderr(`… and ${lines.length - MAX_REPORTED_PROBLEMS} ${more}`);
}

function toEntry(record: NumberedRecord['record'], prior: KnowledgeEntry | undefined, now: string): KnowledgeEntry {
  return importedEntry(record, { kind: record.kind, version: prior ? prior.version + 1 : 1, now, approvedBy: 'import' });
}

function sameContent(a: KnowledgeEntry, b: KnowledgeEntry): boolean {
  return (
    a.kind === b.kind &&
    a.title === b.title &&
    a.body === b.body &&
    a.urlOrPath === b.urlOrPath &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}
