/**
 * Reading the NDJSON import format (`{ id, locale, title, body, url_or_path?, tags? }` a line),
 * shared by `cli import`, `cli publish`, the test harness and the search evaluation, so a bad line
 * is reported the same way everywhere: its line number and what is wrong with it.
 */
import type { z } from 'zod';
import { ImportRecordSchema, type EntryKind, type ImportRecord, type KnowledgeEntry } from './knowledge';

export interface NumberedRecord {
  line: number;
  record: ImportRecord;
}

export function parseImportLines(
  text: string,
  describe: (error: z.ZodError) => string = firstIssue,
): { records: NumberedRecord[]; problems: string[] } {
  const records: NumberedRecord[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      problems.push(`${line}: not valid JSON (${(error as Error).message})`);
      return;
    }
    const result = ImportRecordSchema.safeParse(json);
    if (result.success) records.push({ line, record: result.data });
    else problems.push(`${line}: ${describe(result.error)}`);
  });
  return { records, problems };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid record';
}

/** An imported record as a local entry, approved by whoever imported it. */
export function importedEntry(
  record: ImportRecord,
  options: { kind: EntryKind; version: number; now: string; approvedBy: string },
): KnowledgeEntry {
  return {
    id: record.id,
    locale: record.locale,
    kind: options.kind,
    title: record.title,
    body: record.body,
    tags: record.tags ?? [],
    urlOrPath: record.url_or_path ?? null,
    version: options.version,
    updatedAt: options.now,
    approvedBy: options.approvedBy,
    approvedAt: options.now,
    reviewState: 'approved',
  };
}
