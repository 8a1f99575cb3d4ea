/**
 * `search "<query>" [--data-dir <dir>] [--locale fr] [--kind template] [--limit 10] [--json]`
 * `search --queries <file.jsonl> [--data-dir <dir>] [--limit 10]`
 * Same store and search code as the app. In batch mode stdout holds exactly one JSON line per
 * input line, in order: `{ "q", "results": [{ id, locale, kind, title, score }] }` (a bad
 * input line answers `{ "q": null, "error", "results": [] }` so line numbers stay aligned).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SearchHit } from '../../../common/ipc-contract';
import { EntryKindSchema, LocaleSchema, type EntryKind } from '../../../common/knowledge';
import { canonicalLocale } from '../../../common/locale';
import { databaseFile, defaultDataDir, SEARCH_INDEX_DIR_NAME } from '../../paths';
import { SearchService } from '../../search/search-service';
import { openDatabase } from '../../store/database';
import { KnowledgeStore } from '../../store/knowledge-store';
import { UsageError, intFlag, parseArgs, stringFlag } from '../../../common/cli/args';
import type { CliIo } from '../cli-io';

const QueryLineSchema = z.object({
  q: z.string().max(500),
  locale: LocaleSchema.optional(),
  kind: EntryKindSchema.optional(),
});

interface Options {
  locale: string;
  kind: EntryKind | undefined;
  limit: number;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['data-dir', 'locale', 'kind', 'limit', 'queries'], ['json']);
  const queriesFile = stringFlag(parsed, 'queries');
  const [query, ...extra] = parsed.positionals;
  if (extra.length > 0) throw new UsageError('search takes one query (quote it)');
  if (queriesFile === undefined && query === undefined) throw new UsageError('search needs "<query>" or --queries <file.jsonl>');
  if (queriesFile !== undefined && query !== undefined) throw new UsageError('give either "<query>" or --queries, not both');
  const localeFlag = canonicalLocale(stringFlag(parsed, 'locale') ?? 'en'); // `en_US` is read as `en-US`
  if (!LocaleSchema.safeParse(localeFlag).success) throw new UsageError('--locale must be a locale tag such as en or pt-BR');
  const kindFlag = stringFlag(parsed, 'kind');
  const kind = kindFlag === undefined ? undefined : EntryKindSchema.safeParse(kindFlag);
  if (kind && !kind.success) throw new UsageError('--kind must be article or template');
  const options: Options = {
    locale: localeFlag,
    kind: kind?.success ? kind.data : undefined,
    limit: intFlag(parsed, 'limit', 1, 100) ?? 10,
  };
  let lines: string[] = [];
  if (queriesFile !== undefined) {
    try {
      lines = (await readFile(queriesFile, 'utf8')).split('\n');
    } catch (error) {
      io.stderr(`error: cannot read ${queriesFile}: ${(error as Error).message}`);
      return 1;
    }
    if (lines[lines.length - 1] === '') lines.pop();
  }

  const dataDir = stringFlag(parsed, 'data-dir') ?? defaultDataDir();
  const opened = await openDatabase({ file: databaseFile(dataDir) });
  for (const notice of opened.notices) io.stderr(`notice: ${notice}`);
  try {
    const store = new KnowledgeStore(opened.db);
    const search = await SearchService.start({
      store,
      indexDir: path.join(dataDir, SEARCH_INDEX_DIR_NAME),
      onError: (error) => io.stderr(`could not save the search index: ${error instanceof Error ? error.message : String(error)}`),
    });
    if (search.rebuilding) io.stderr('building the search index…');
    await search.ready;
    if (search.size === 0) io.stderr(`note: no entries in ${dataDir}; import some with: npm run cli -- import <file.ndjson>`);
    try {
      if (queriesFile !== undefined) runBatch(search, lines, options, io);
      else printHits(io, query as string, run1(search, query as string, options), parsed.flags.has('json'));
    } finally {
      await search.close();
    }
    return 0;
  } finally {
    await opened.db.close();
  }
}

function run1(search: SearchService, q: string, o: Options): SearchHit[] {
  return search.search({ query: q, locale: o.locale, fallbackLocales: ['en'], kind: o.kind, limit: o.limit });
}

function runBatch(search: SearchService, lines: string[], options: Options, io: CliIo): void {
  lines.forEach((raw, index) => {
    let parsed: z.infer<typeof QueryLineSchema>;
    try {
      const result = QueryLineSchema.safeParse(JSON.parse(raw));
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'invalid query line');
      parsed = result.data;
    } catch (error) {
      io.stderr(`line ${index + 1}: ${(error as Error).message}`);
      io.stdout(JSON.stringify({ q: null, error: (error as Error).message, results: [] }));
      return;
    }
    const hits = run1(search, parsed.q, { ...options, locale: parsed.locale === undefined ? options.locale : canonicalLocale(parsed.locale), kind: parsed.kind ?? options.kind });
    io.stdout(
      JSON.stringify({
        q: parsed.q,
        results: hits.map((h) => ({ id: h.id, locale: h.locale, kind: h.kind, title: h.title, score: h.score })),
      }),
    );
  });
}

function printHits(io: CliIo, q: string, hits: SearchHit[], json: boolean): void {
  if (json) {
    io.stdout(JSON.stringify({ q, results: hits }));
    return;
  }
  if (hits.length === 0) {
    io.stdout(`no results for "${q}"`);
    return;
  }
  hits.forEach((h, i) => {
    const fallback = h.fallback ? ' (fallback)' : '';
    io.stdout(`${i + 1}. ${h.title}`);
    io.stdout(`   ${h.id} · ${h.locale}${fallback} · ${h.kind} · score ${h.score}`);
    if (h.snippet) io.stdout(`   ${h.snippet}`);
  });
}
