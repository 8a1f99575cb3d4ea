/**
 * The one reader of the NDJSON import format (`{ id, locale, title, body, url_or_path?, tags? }` a
 * line), shared by `cli import`, `cli publish`, the test harness and the search evaluation, so what
 * imports locally also publishes, and a bad line is reported the same way everywhere: its line
 * number and what is wrong with it.
 *
 * Only what makes an entry unusable rejects its line: malformed JSON, no id, no title, ill-formed
 * Unicode (common/text/well-formed.ts), a body over the limit, a template that does not parse or
 * still holds another help desk's placeholders. What only decorates an entry is mended with a
 * warning: a tag over its length is cut, tags past the limit are dropped, an over-long title is
 * cut, a bad `url_or_path` is left out. (A real help-centre export put its 150-character folder
 * path in one tag per article and lost a third of its articles to the old all-or-nothing check.)
 */
import type { z } from 'zod';
import {
  ImportRecordSchema,
  MAX_TAGS,
  MAX_TAG_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  type EntryKind,
  type ImportRecord,
  type KnowledgeEntry,
} from './knowledge';
import { canonicalLocale } from './locale';
import { convertRecord, type ImportFormat } from './templates/import-formats';
import { findForeignPlaceholder } from './templates/foreign-placeholders';
import { validateTemplateBody } from './templates/validate-template';
import { illFormedMessage, illFormedReason } from './text/well-formed';
import { assertNever } from './assert-never';
import { readSourceUnits, type SourceKind } from './import/sources';

export interface NumberedRecord {
  /** 1-based line (NDJSON), row (CSV, the header is row 1) or macro (Zendesk export). */
  line: number;
  /** How messages name it: `3` (line 3 of NDJSON), `row 3`, `macro 2 (id 7)`. */
  at: string;
  /** Converted from its format, with its kind decided. */
  record: ImportRecord & { kind: EntryKind };
}

export interface ReadOptions {
  format?: ImportFormat;
  /** The kind of a record that names none. */
  defaultKind?: EntryKind;
  /** A kind for every record, whatever it names (`import --kind`). */
  forceKind?: EntryKind;
  /** The locale of a CSV row or Zendesk macro that names none (NDJSON records must name theirs); `en` if not given. */
  defaultLocale?: string;
  describe?: (error: z.ZodError) => string;
}

export interface ReadResult {
  records: NumberedRecord[];
  /** `"<at>: <why>"` for each record left out, in file order (`at` as in NumberedRecord). */
  problems: string[];
  /** `"<at>: <what was mended>"` for records imported with a field cut or dropped. */
  warnings: string[];
  /**
   * False when the file as a whole could not be read (a CSV quoting error, a file over the
   * limits, an export that is not JSON): its one problem says why, and no record of it may be
   * imported, even when bad records may be skipped.
   */
  readable: boolean;
}

const BOM = '\ufeff';

/** Reads every record; a later record for the same (id, locale) replaces the earlier one, with a warning. */
export function readImportRecords(text: string, options: ReadOptions = {}): ReadResult {
  const describe = options.describe ?? firstIssue;
  const format = options.format ?? 'cuecard';
  const problems: string[] = [];
  const warnings: string[] = [];
  const byKey = new Map<string, NumberedRecord>();
  const source = readSourceUnits(text.startsWith(BOM) ? text.slice(BOM.length) : text, format);
  if (!source.ok) return { records: [], problems: [source.message], warnings, readable: false };
  for (const unit of source.units) {
    const { at } = unit;
    if (unit.problem !== undefined) problems.push(`${at}: ${unit.problem}`);
    if (unit.warning !== undefined) warnings.push(`${at}: ${unit.warning}`);
    if (unit.value === undefined) continue;
    const json = source.kind === 'ndjson' ? unit.value : withDefaultLocale(unit.value, options.defaultLocale ?? 'en');
    const mended = mendDecorations(json, (message) => warnings.push(`${at}: ${message}`));
    const illFormed = illFormedField(mended);
    if (illFormed) {
      problems.push(`${at}: ${illFormed}`);
      continue;
    }
    const parsed = ImportRecordSchema.safeParse(mended);
    if (!parsed.success) {
      problems.push(`${at}: ${describe(parsed.error)}`);
      continue;
    }
    const converted = convertRecord(format, { ...parsed.data, locale: canonicalLocale(parsed.data.locale) });
    const kind = options.forceKind ?? converted.kind ?? options.defaultKind ?? 'article';
    const record = { ...converted, kind };
    if (kind === 'template') {
      const refusal = templateRefusal(record);
      if (refusal) {
        problems.push(`${at}: ${refusal}`);
        continue;
      }
    }
    const key = `${record.locale}\u0000${record.id}`;
    const earlier = byKey.get(key);
    if (earlier) {
      warnings.push(`${at}: duplicate of ${earlierName(earlier, source.kind)} (id "${record.id}", locale ${record.locale}); this later ${unitWord(source.kind)} is used`);
      byKey.delete(key); // re-inserted below, so records stay in the order of their last occurrence
    }
    byKey.set(key, { line: unit.position, at, record });
  }
  return { records: [...byKey.values()], problems, warnings, readable: true };
}

function withDefaultLocale(value: unknown, locale: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'locale' in value) return value;
  return { ...value, locale };
}

function earlierName(earlier: NumberedRecord, kind: SourceKind): string {
  return kind === 'ndjson' ? `line ${earlier.at}` : earlier.at;
}

function unitWord(kind: SourceKind): string {
  switch (kind) {
    case 'ndjson':
      return 'line';
    case 'csv':
      return 'row';
    case 'zendesk-export':
      return 'macro';
    default:
      return assertNever(kind);
  }
}

/** Cuts or drops the fields that only decorate an entry, so the entry itself is kept. */
function mendDecorations(json: unknown, warn: (message: string) => void): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const record = { ...(json as Record<string, unknown>) };
  if (typeof record.title === 'string' && record.title.length > MAX_TITLE_LENGTH) {
    record.title = `${cut(record.title, MAX_TITLE_LENGTH - 1)}…`;
    warn(`title cut to ${MAX_TITLE_LENGTH} characters`);
  }
  const url = record.url_or_path;
  if (url !== undefined && url !== null && (typeof url !== 'string' || url.length > MAX_URL_LENGTH)) {
    delete record.url_or_path;
    warn(typeof url === 'string' ? `url_or_path over ${MAX_URL_LENGTH} characters left out` : 'url_or_path is not text; left out');
  }
  const tags = record.tags;
  if (tags === undefined || tags === null) return record;
  if (!Array.isArray(tags)) {
    delete record.tags;
    warn('tags is not a list; left out');
    return record;
  }
  const kept: string[] = [];
  for (const tag of tags) {
    if (typeof tag !== 'string' || tag.trim() === '') {
      warn(`tag ${JSON.stringify(tag)} is not a word; dropped`);
    } else if (tag.length > MAX_TAG_LENGTH) {
      kept.push(cut(tag, MAX_TAG_LENGTH));
      warn(`tag "${cut(tag, 40)}…" cut to ${MAX_TAG_LENGTH} characters`);
    } else {
      kept.push(tag);
    }
  }
  if (kept.length > MAX_TAGS) warn(`${kept.length - MAX_TAGS} tag(s) past the first ${MAX_TAGS} dropped`);
  record.tags = kept.slice(0, MAX_TAGS);
  return record;
}

/** The first `max` UTF-16 units (the schemas' measure), never half of a surrogate pair. */
function cut(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head;
}

/** The first text field that is not well-formed Unicode, as a sentence; `null` when all are. */
function illFormedField(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  for (const field of ['id', 'locale', 'title', 'body', 'url_or_path'] as const) {
    const value = record[field];
    const reason = typeof value === 'string' ? illFormedReason(value) : null;
    if (reason) return illFormedMessage(field, reason);
  }
  const tags = Array.isArray(record.tags) ? (record.tags as unknown[]) : [];
  for (const [i, tag] of tags.entries()) {
    const reason = typeof tag === 'string' ? illFormedReason(tag) : null;
    if (reason) return illFormedMessage(`tags.${i}`, reason);
  }
  return null;
}

/** Why a template cannot be delivered as written, or `null`. */
function templateRefusal(record: ImportRecord): string | null {
  const check = validateTemplateBody(record.body);
  if (!check.ok) return `template "${record.id}" (${record.locale}) does not parse: ${check.message}`;
  for (const field of ['title', 'body'] as const) {
    const foreign = findForeignPlaceholder(record[field]);
    if (foreign) return `${field} line ${foreign.line} holds ${foreign.text}: ${foreign.advice}`;
  }
  return null;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid record';
}

/** What a record says about its entry, in the entry's field names (what `publish` sends). */
export function recordContent(record: ImportRecord, kind: EntryKind): Pick<KnowledgeEntry, 'id' | 'locale' | 'kind' | 'title' | 'body' | 'tags' | 'urlOrPath'> {
  return {
    id: record.id,
    locale: record.locale,
    kind,
    title: record.title,
    body: record.body,
    tags: record.tags ?? [],
    urlOrPath: record.url_or_path ?? null,
  };
}

/** An imported record as a local entry, approved by whoever imported it. */
export function importedEntry(
  record: ImportRecord,
  options: { kind: EntryKind; version: number; now: string; approvedBy: string },
): KnowledgeEntry {
  return {
    ...recordContent(record, options.kind),
    version: options.version,
    updatedAt: options.now,
    approvedBy: options.approvedBy,
    approvedAt: options.now,
    reviewState: 'approved',
  };
}
