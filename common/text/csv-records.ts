/**
 * The one way CSV text is read here (the entries' import, common/import/csv-rows.ts, and the
 * synonym file, common/synonyms/synonym-csv.ts): csv-parse with RFC 4180 quoting, a BOM allowed,
 * rows of any field count (the caller says what a wrong count means), a bound on one record's
 * size and on the number of records read. CRLF and lone CR become LF first: csv-parse counts a
 * CRLF inside a quoted field as two lines (its line numbers in errors were off), and text is
 * stored with LF anyway. A quoting error or an oversized record ends the read: after it csv-parse
 * cannot tell rows apart reliably (it silently merged the following rows into the bad one in our
 * tests), so the caller refuses the file at that place.
 */
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  fields: string[];
  /** The record's number, 1-based (skipped empty lines do not count). */
  record: number;
  /** The file line the record ends on, 1-based. */
  line: number;
}

/** Where and why csv-parse stopped: `code` is csv-parse's (CSV_QUOTE_NOT_CLOSED, CSV_MAX_RECORD_SIZE, …). */
export interface CsvStop {
  code: string;
  message: string;
  /** Records read whole before the stop. */
  recordsRead: number;
  /** The line csv-parse stopped at, when it says. */
  line: number | null;
}

export interface CsvLimits {
  /** The most characters one record may hold. */
  maxRecordChars: number;
  /** Reading stops after this many records (ask for one more than allowed to tell a file is over). */
  maxRecords: number;
  /** Blank lines are skipped, not read as a record of one empty field. */
  skipEmptyLines?: boolean;
}

export function readCsvRecords(text: string, limits: CsvLimits): { ok: true; records: CsvRecord[] } | { ok: false; stop: CsvStop } {
  let parsed: Array<{ record: string[]; info: { records: number; lines: number } }>;
  try {
    parsed = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: limits.skipEmptyLines ?? false,
      max_record_size: limits.maxRecordChars,
      to: limits.maxRecords,
    }) as unknown as typeof parsed;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const position = error as CsvError & { records?: number; lines?: number };
    return { ok: false, stop: { code: error.code, message: error.message, recordsRead: position.records ?? 0, line: position.lines ?? null } };
  }
  return { ok: true, records: parsed.map(({ record, info }) => ({ fields: record, record: info.records, line: info.lines })) };
}
