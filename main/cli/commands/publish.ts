/**
 * `publish <file.ndjson> --kind article|template [--format cuecard|osticket|zendesk] --server <url> --token <t> [--approve]`:
 * reads every record with the reader `import` uses (common/import-records.ts) first — a broken
 * line or a template that does not parse publishes nothing; a mended line (a tag cut) is a
 * warning — then sends them in batches, with progress on stderr and a summary on stdout.
 * `--format osticket|zendesk` converts another help desk's templates; their kind is template.
 * Each record becomes a new version in review, authored by the token's name; `--approve` (admin
 * tokens only, for a migration) makes them live at once, recorded as a bulk import by that admin.
 */
import { readImportRecords, recordContent } from '../../../common/import-records';
import { submitBatches } from '../../../common/import/submit-batches';
import { readFile } from 'node:fs/promises';
import { EntryKindSchema } from '../../../common/knowledge';
import { MAX_PUBLISH_BATCH, describeZodError, type PublishEntry } from '../../../common/sync-protocol';
import { SubmitResultSchema } from '../../../common/review-protocol';
import { IMPORT_FORMATS, isImportFormat, type ImportFormat } from '../../../common/templates/import-formats';
import { joinUrl, messageOf } from '../../sync/http';
import { describeRefusal } from '../workflow-client';
import { authHeaders, serverArgs } from '../server-args';
import { UsageError, intFlag, parseArgs, stringFlag } from '../../../common/cli/args';
import type { CliIo } from '../cli-io';

const MAX_REPORTED_PROBLEMS = 20;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['kind', 'format', 'server', 'token', 'batch-size'], ['approve']);
  const approve = parsed.flags.get('approve') === true;
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError('publish needs exactly one <file.ndjson>');
  const format = stringFlag(parsed, 'format') ?? 'cuecard';
  if (!isImportFormat(format)) throw new UsageError(`--format must be ${IMPORT_FORMATS.join(', ')}`);
  // Another help desk's records are templates; Cuecard's own say which kind they are.
  const kind = EntryKindSchema.safeParse(stringFlag(parsed, 'kind') ?? (format === 'cuecard' ? undefined : 'template'));
  if (!kind.success) throw new UsageError('--kind must be article or template');
  const server = serverArgs(parsed);
  const batchSize = intFlag(parsed, 'batch-size', 1, MAX_PUBLISH_BATCH) ?? 500;

  const { entries, problems, warnings } = readRecords(await readFile(file, 'utf8'), kind.data, format);
  for (const warning of warnings.slice(0, MAX_REPORTED_PROBLEMS)) io.stderr(`warning: ${file}:${warning}`);
  if (problems.length > 0) {
    for (const problem of problems.slice(0, MAX_REPORTED_PROBLEMS)) io.stderr(`${file}:${problem}`);
    if (problems.length > MAX_REPORTED_PROBLEMS) io.stderr(`… and ${problems.length - MAX_REPORTED_PROBLEMS} more problems`);
    io.stderr(`error: ${problems.length} invalid record(s) in ${file}; nothing was published`);
    return 1;
  }
  if (entries.length === 0) {
    io.stderr(`error: ${file} has no records`);
    return 1;
  }

  let published = 0;
  let batches = 0;
  let latestSeq = 0;
  for (const batch of submitBatches(entries, batchSize)) {
    let response: Response;
    try {
      response = await fetch(joinUrl(server.serverUrl, '/v1/entries'), {
        method: 'POST',
        headers: { ...authHeaders(server.token), 'content-type': 'application/json' },
        body: JSON.stringify({ entries: batch, approve }),
      });
    } catch (error) {
      io.stderr(`error: could not reach ${server.serverUrl}: ${messageOf(error)}`);
      return reportPartial(io, published);
    }
    if (!response.ok) {
      io.stderr(`error: ${describeRefusal(response.status, await response.text(), response.statusText)}`);
      return reportPartial(io, published);
    }
    const result = SubmitResultSchema.parse(await response.json());
    published += result.versions.length;
    latestSeq = result.latestSeq;
    batches += 1;
    io.stderr(`${approve ? 'published' : 'submitted'} ${published}/${entries.length}`);
  }
  io.stdout(
    approve
      ? `published ${published} ${kind.data} entries from ${file} in ${batches} batch(es), approved at once as a bulk import; server at seq ${latestSeq}`
      : `submitted ${published} ${kind.data} versions from ${file} for review in ${batches} batch(es); server at seq ${latestSeq}`,
  );
  return 0;
}

function reportPartial(io: CliIo, published: number): number {
  if (published > 0) io.stderr(`${published} entries were sent before the error; publishing again submits them as newer versions`);
  return 1;
}

function readRecords(
  text: string,
  kind: 'article' | 'template',
  format: ImportFormat,
): { entries: PublishEntry[]; problems: string[]; warnings: string[] } {
  const { records, problems, warnings } = readImportRecords(text, { format, defaultKind: kind, describe: describeZodError });
  const entries = records.map(({ record }) => recordContent(record, record.kind));
  return { entries, problems, warnings };
}
