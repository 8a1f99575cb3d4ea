/**
 * CSV files as import records (`import --format csv`, the Library's import): parsed by csv-parse
 * (RFC 4180 quoting, quoted multi-line fields, a BOM), one record a row, in the same field names
 * as the NDJSON format so the one reader (common/import-records.ts) checks and converts them the
 * same way. The columns are the README's "Bulk import" table:
 *
 *   id, title, body                 required
 *   locale, kind, tags, url_or_path optional (`tags` separated by `;`)
 *
 * Header names are matched without case or surrounding blanks; an unknown or repeated column is
 * refused (a typo such as `titel` would otherwise drop every title without a word).
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1, every line break outside
 * quotes starts a row (blank rows count and are skipped). A row with the wrong number of fields
 * is a bad row; a quoting error (`"a"b`, a quote never closed) or a row over the size limit is
 * fatal (common/text/csv-records.ts says why): no row of such a file can be trusted to import.
 */
import { readCsvRecords, type CsvStop } from '../text/csv-records';
import { illFormedReason, markLoneSurrogates } from '../text/well-formed';

export const CSV_COLUMNS = ['id', 'locale', 'kind', 'title', 'body', 'tags', 'url_or_path'] as const;
const REQUIRED_COLUMNS = ['id', 'title', 'body'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The most characters one row may hold: a body at its limit (200,000) with every other field at
 * its own stays far below. Larger rows are refused by csv-parse before it buffers any further.
 */
export const MAX_CSV_ROW_CHARS = 1_000_000;
/** A row's fields: more than any header this format allows. */
const MAX_CSV_FIELDS = 64;

export interface CsvRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** The row as an NDJSON-format record: only the columns the file has, `tags` split. */
  value: Record<string, unknown>;
}

export type CsvReadResult =
  | { ok: true; rows: CsvRow[]; problems: Array<{ row: number; message: string }> }
  | { ok: false; message: string };

/**
 * Stands for a lone surrogate while csv-parse reads the text (it would make each one U+FFFD, and
 * the row would import changed); a field holding it gets a lone surrogate back, which the reader's
 * well-formed check then refuses with the row and the field. A noncharacter: no text uses it.
 */
const LONE_SURROGATE_MARK = '\uffff';

export function readCsvRows(text: string, maxRows: number): CsvReadResult {
  if (illFormedReason(text) === 'lone_surrogate') {
    if (text.includes(LONE_SURROGATE_MARK)) return { ok: false, message: 'the file holds lone surrogates and U+FFFF: not text a CSV file may hold' };
    return readCsvRows(markLoneSurrogates(text, LONE_SURROGATE_MARK), maxRows);
  }
  // One row past the limit (and the header) is enough to know the file is over it.
  const read = readCsvRecords(text, { maxRecordChars: MAX_CSV_ROW_CHARS, maxRecords: maxRows + 2 });
  if (!read.ok) return { ok: false, message: csvStopMessage(read.stop) };
  const parsed = read.records;
  if (parsed.length > maxRows + 1) return { ok: false, message: `the file has more than ${maxRows.toLocaleString('en')} rows (the most one import takes); split it` };
  const [header, ...rest] = parsed;
  if (!header) return { ok: true, rows: [], problems: [] };
  const columns = headerColumns(header.fields);
  if (!columns.ok) return { ok: false, message: `row 1 (the header): ${columns.message}` };
  const rows: CsvRow[] = [];
  const problems: Array<{ row: number; message: string }> = [];
  for (const { fields: record, record: row } of rest) {
    if (record.every((field) => field.trim() === '')) continue;
    if (record.length !== columns.names.length) {
      problems.push({ row, message: `has ${Math.min(record.length, MAX_CSV_FIELDS)}${record.length > MAX_CSV_FIELDS ? '+' : ''} field(s); the header has ${columns.names.length} (a comma in a field needs the field in double quotes)` });
      continue;
    }
    rows.push({ row, value: rowValue(columns.names, record) });
  }
  return { ok: true, rows, problems };
}

function headerColumns(fields: string[]): { ok: true; names: CsvColumn[] } | { ok: false; message: string } {
  const names: CsvColumn[] = [];
  for (const field of fields.slice(0, MAX_CSV_FIELDS + 1)) {
    const name = field.trim().toLowerCase();
    const column = CSV_COLUMNS.find((known) => known === name);
    if (!column) return { ok: false, message: `unknown column "${field.slice(0, 40)}" (the columns are ${CSV_COLUMNS.join(', ')})` };
    if (names.includes(column)) return { ok: false, message: `column "${column}" appears twice` };
    names.push(column);
  }
  const missing = REQUIRED_COLUMNS.filter((required) => !names.includes(required));
  if (missing.length > 0) return { ok: false, message: `missing column(s) ${missing.join(', ')} (required: ${REQUIRED_COLUMNS.join(', ')})` };
  return { ok: true, names };
}

function rowValue(names: readonly CsvColumn[], record: readonly string[]): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const field = (record[i] ?? '').replaceAll(LONE_SURROGATE_MARK, '\ud800');
    switch (name) {
      case 'tags':
        value.tags = field.split(';').map((tag) => tag.trim()).filter((tag) => tag !== '');
        break;
      case 'id':
      case 'locale':
      case 'kind':
      case 'url_or_path':
        // Blank optional cells mean "not given" (the reader's defaults apply), as in a spreadsheet.
        if (field.trim() !== '') value[name] = field.trim();
        else if (name === 'id') value.id = field;
        break;
      case 'title':
      case 'body':
        value[name] = field;
        break;
    }
  });
  return value;
}

/** Where csv-parse stopped, as a sentence with the row and line where the file stops being readable. */
function csvStopMessage(error: CsvStop): string {
  const where = `row ${error.recordsRead + 1} (line ${error.line ?? '?'})`;
  const fix = 'fix the file; the rows after it cannot be read reliably, so none is imported';
  switch (error.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return `${where}: the row is over ${MAX_CSV_ROW_CHARS.toLocaleString('en')} characters (the most one row may hold); ${fix}`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${where}: a double quote opened here is never closed; ${fix}`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `${where}: text after a closing double quote (write a quote inside a quoted field as ""); ${fix}`;
    default:
      return `${where}: ${error.message}; ${fix}`;
  }
}
