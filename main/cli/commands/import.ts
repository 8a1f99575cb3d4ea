/**
 * `import <file.ndjson> [--data-dir <dir>] [--kind article|template] [--format cuecard|osticket]`:
 * loads records into the local store. Bad lines are reported with their line number on stderr
 * and skipped; the rest is imported. Re-importing updates in place: the version goes up only
 * when the content changed. Afterwards the search index is brought up to date and persisted,
 * so the next `search` (or app start) loads it instead of rebuilding. `--format osticket` converts
 * osTicket reply templates (placeholders to Liquid) with main/templates/osticket.ts.
 */
import { importedEntry, parseImportLines } from '../../../common/import-records';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EntryKindSchema, entryKey, type EntryKind, type ImportRecord, type KnowledgeEntry } from '../../../common/knowledge';
import { validateTemplateBody } from '../../../common/templates/validate-template';
import { databaseFile, defaultDataDir, SEARCH_INDEX_DIR_NAME } from '../../paths';
import { convertOsTicketRecord } from '../../templates/osticket';
import { SearchService } from '../../search/search-service';
import { openDatabase } from '../../store/database';
import { KnowledgeStore } from '../../store/knowledge-store';
import { UsageError, parseArgs, stringFlag } from '../../../common/cli/args';
import type { CliIo } from '../cli-io';

const MAX_REPORTED_PROBLEMS = 50;
const FORMATS = ['cuecard', 'osticket'] as const;
type Format = (typeof FORMATS)[number];
type Converter = (record: ImportRecord) => ImportRecord;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['data-dir', 'kind', 'format']);
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError('import needs exactly one <file.ndjson>');
  const kindFlag = stringFlag(parsed, 'kind');
  const kindParsed = kindFlag === undefined ? undefined : EntryKindSchema.safeParse(kindFlag);
  if (kindParsed && !kindParsed.success) throw new UsageError('--kind must be article or template');
  const format = (stringFlag(parsed, 'format') ?? 'cuecard') as Format;
  if (!FORMATS.includes(format)) throw new UsageError('--format must be cuecard or osticket');
  const convert: Converter = format === 'osticket' ? convertOsTicketRecord : (record) => record;
  const dataDir = stringFlag(parsed, 'data-dir') ?? defaultDataDir();

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`error: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const { records, problems } = parseRecords(text, convert);
  for (const problem of problems.slice(0, MAX_REPORTED_PROBLEMS)) io.stderr(`${file}:${problem}`);
  if (problems.length > MAX_REPORTED_PROBLEMS) io.stderr(`… and ${problems.length - MAX_REPORTED_PROBLEMS} more bad lines`);

  const opened = await openDatabase({ file: databaseFile(dataDir) });
  for (const notice of opened.notices) io.stderr(`notice: ${notice}`);
  const store = new KnowledgeStore(opened.db);
  try {
    const existing = new Map((await store.all()).map((e) => [entryKey(e.id, e.locale), e]));
    const now = new Date().toISOString();
    const defaultKind: EntryKind = kindParsed?.success ? kindParsed.data : 'article';
    const changed: KnowledgeEntry[] = [];
    let created = 0;
    for (const record of records.values()) {
      const kind = kindParsed?.success ? kindParsed.data : (record.kind ?? defaultKind);
      const prior = existing.get(entryKey(record.id, record.locale));
      const entry = toEntry(record, kind, prior, now);
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
      `imported ${records.size} record(s) from ${file} into ${dataDir}: ${created} new, ` +
        `${changed.length - created} updated, ${records.size - changed.length} unchanged; ${problems.length} bad line(s) skipped`,
    );
    return 0;
  } finally {
    await opened.db.close();
  }
}

/** Valid records by (id, locale) — a later line for the same pair wins — and the problems. */
function parseRecords(text: string, convert: Converter): { records: Map<string, ImportRecord>; problems: string[] } {
  const records = new Map<string, ImportRecord>();
  const parsed = parseImportLines(text);
  const problems = parsed.problems;
  for (const { line, record: raw } of parsed.records) {
    const record = convert(raw);
    // Templates are rendered later: one whose Liquid does not parse is a bad line now.
    const check = record.kind === 'template' ? validateTemplateBody(record.body) : { ok: true as const };
    if (!check.ok) {
      problems.push(`${line}: body: ${check.message}`);
      continue;
    }
    records.set(entryKey(record.id, record.locale), record);
  }
  // Report in line order whichever step found the problem.
  problems.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return { records, problems };
}

function toEntry(record: ImportRecord, kind: EntryKind, prior: KnowledgeEntry | undefined, now: string): KnowledgeEntry {
  return importedEntry(record, { kind, version: prior ? prior.version + 1 : 1, now, approvedBy: 'import' });
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
