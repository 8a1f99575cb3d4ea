/**
 * `import <file> [--data-dir <dir>] [--kind article|template] [--format cuecard|csv|osticket|zendesk] [--locale <l>] [--skip-bad-rows]`:
 * loads records into the local store. With `--server <url> --token <lead> [--dry-run] [--json]`
 * it is the bulk import for leads instead (main/cli/import-to-server.ts): a plan of what would be
 * created, changed or left on the server, then (without --dry-run) a submission for review.
 * The format follows the file's extension when --format is not given (`.csv` → csv, `.json` →
 * a Zendesk macros export).
 *
 * Locally: Lines are read by common/import-records.ts, the same
 * reader `publish` uses: bad lines are reported with their line number on stderr and skipped,
 * mended ones (a tag cut) with a warning; the rest is imported. An import that imports nothing
 * exits 1, like publish. Re-importing updates in place: the version goes up only when the
 * content changed. Afterwards the search index is brought up to date and persisted, so the next
 * `search` (or app start) loads it instead of rebuilding. `--format osticket|zendesk` converts
 * another help desk's templates (common/templates/import-formats.ts).
 */
import { importedEntry, readImportRecords, type NumberedRecord } from '../../../common/import-records';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { EntryKindSchema, LocaleSchema, entryKey, type KnowledgeEntry } from '../../../common/knowledge';
import { MAX_IMPORT_CHARS } from '../../../common/import/sources';
import { differingFields } from '../../../common/import/import-plan';
import { importToServer } from '../import-to-server';
import { serverArgs } from '../server-args';
import { IMPORT_FORMATS, isImportFormat } from '../../../common/templates/import-formats';
import { databaseFile, defaultDataDir, SEARCH_INDEX_DIR_NAME } from '../../paths';
import { SearchService } from '../../search/search-service';
import { openDatabase } from '../../store/database';
import { KnowledgeStore } from '../../store/knowledge-store';
import { UsageError, parseArgs, stringFlag } from '../../../common/cli/args';
import type { CliIo } from '../cli-io';

const MAX_REPORTED_PROBLEMS = 50;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['data-dir', 'kind', 'format', 'locale', 'server', 'token'], ['dry-run', 'json', 'skip-bad-rows']);
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError('import needs exactly one <file>');
  const kindFlag = stringFlag(parsed, 'kind');
  const kindParsed = kindFlag === undefined ? undefined : EntryKindSchema.safeParse(kindFlag);
  if (kindParsed && !kindParsed.success) throw new UsageError('--kind must be article or template');
  const format = stringFlag(parsed, 'format') ?? formatOfFile(file);
  if (!isImportFormat(format)) throw new UsageError(`--format must be ${IMPORT_FORMATS.join(', ')}`);
  const locale = stringFlag(parsed, 'locale');
  if (locale !== undefined && !LocaleSchema.safeParse(locale).success) throw new UsageError('--locale must be a locale tag such as en or pt-BR');
  const skipBadRows = parsed.flags.get('skip-bad-rows') === true;
  const toServer = parsed.flags.has('server') || parsed.flags.has('token');
  if (!toServer && (parsed.flags.has('dry-run') || parsed.flags.has('json'))) {
    throw new UsageError('--dry-run and --json plan an import against a server: add --server <url> --token <lead>');
  }
  const target = toServer ? serverArgs(parsed) : null;
  const dataDir = stringFlag(parsed, 'data-dir') ?? defaultDataDir();

  const text = await readImportFile(file, io);
  if (text === null) return 1;
  if (target) {
    return importToServer(
      {
        file,
        text,
        format,
        target,
        dryRun: parsed.flags.get('dry-run') === true,
        json: parsed.flags.get('json') === true,
        skipBadRows,
        ...(kindParsed?.success ? { kind: kindParsed.data } : {}),
        ...(locale ? { locale } : {}),
      },
      io,
    );
  }
  const { records, problems, warnings, readable } = readImportRecords(text, {
    format,
    ...(kindParsed?.success ? { forceKind: kindParsed.data } : {}),
    ...(locale ? { defaultLocale: locale } : {}),
  });
  report(io, file, warnings, 'warning: ', 'more warnings');
  report(io, file, problems, '', 'more bad lines');
  // A CSV file with a bad row imports nothing until it is fixed or skipped explicitly (issue #14);
  // NDJSON files kept their older rule: bad lines are skipped, and counted below.
  if (!readable || (format === 'csv' && problems.length > 0 && !skipBadRows)) {
    io.stderr(
      readable
        ? `error: ${problems.length} bad row(s) in ${file}; nothing was imported: fix them, or skip them explicitly (--skip-bad-rows)`
        : `error: ${file} cannot be read as ${format}; nothing was imported`,
    );
    return 1;
  }
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
      if (prior && differingFields(prior, entry).length === 0) continue;
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

/** The file as text, refused above the reader's size limit before it is read into memory. */
async function readImportFile(file: string, io: CliIo): Promise<string | null> {
  try {
    const { size } = await stat(file);
    if (size > MAX_IMPORT_CHARS) {
      io.stderr(`error: ${file} is ${size.toLocaleString('en')} bytes, over the ${MAX_IMPORT_CHARS.toLocaleString('en')} one import takes; split it`);
      return null;
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`error: cannot read ${file}: ${(error as Error).message}`);
    return null;
  }
}

function formatOfFile(file: string): string {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.json') return 'zendesk';
  return 'cuecard';
}

function report(io: CliIo, file: string, lines: readonly string[], prefix: string, more: string): void {
  for (const line of lines.slice(0, MAX_REPORTED_PROBLEMS)) io.stderr(`${prefix}${file}:${line}`);
  if (lines.length > MAX_REPORTED_PROBLEMS) io.stderr(`… and ${lines.length - MAX_REPORTED_PROBLEMS} ${more}`);
}

function toEntry(record: NumberedRecord['record'], prior: KnowledgeEntry | undefined, now: string): KnowledgeEntry {
  return importedEntry(record, { kind: record.kind, version: prior ? prior.version + 1 : 1, now, approvedBy: 'import' });
}
