/**
 * The synonym file a lead writes (contract, issue #18): a header `locale,terms,one_way_to`, then
 * one rule a line; `terms` separated by `;`. `en,refund;money back;reimbursement,` is a group,
 * `en,screen too dark,brightness` a one-way rule. Read by csv-parse (RFC 4180 quoting, a BOM),
 * as the entries' CSV import is (common/import/csv-rows.ts). Every problem is reported with its line number, and nothing
 * is imported while any remains (ruleSetProblems: bad terms, empty or oversized groups, cycles).
 */
import { readCsvRecords } from '../text/csv-records';
import { illFormedMessage, illFormedReason, type IllFormedReason } from '../text/well-formed';
import { cleanTerm, MAX_RULES, ruleSetProblems, type SynonymRule } from './synonym-rules';

export const SYNONYM_CSV_HEADER = 'locale,terms,one_way_to';
/** 5000 rules of 50 terms of 80 characters would be 20 MB; a real file is a few kilobytes. */
export const MAX_SYNONYM_FILE_BYTES = 2 * 1024 * 1024;

export interface SynonymFile {
  rules: SynonymRule[];
  /** The file line of each rule (1-based, the header is line 1). */
  lines: number[];
  problems: Array<{ line: number; message: string }>;
}

/** One line at most: a 10,000-word group (refused, with its line, by the rule check) still parses. */
const MAX_LINE_CHARS = 1024 * 1024;

export function readSynonymCsv(text: string): SynonymFile {
  const out: SynonymFile = { rules: [], lines: [], problems: [] };
  if (text.length > MAX_SYNONYM_FILE_BYTES) {
    out.problems.push({ line: 1, message: `the file is larger than ${MAX_SYNONYM_FILE_BYTES / 1024 / 1024} MB` });
    return out;
  }
  // csv-parse would turn a lone surrogate into U+FFFD and the term would import changed.
  const bad = text.split('\n').findIndex((l) => illFormedReason(l) !== null);
  if (bad >= 0) {
    out.problems.push({ line: bad + 1, message: illFormedMessage('the line', illFormedReason(text.split('\n')[bad] as string) as IllFormedReason) });
    return out;
  }
  const read = readCsvRecords(text, { maxRecordChars: MAX_LINE_CHARS, maxRecords: MAX_RULES + 2, skipEmptyLines: true });
  if (!read.ok) {
    // A quoting error: after it the parser cannot tell lines apart, so the file is refused there.
    out.problems.push({ line: read.stop.line ?? 1, message: `not CSV this reader can trust: ${read.stop.message}` });
    return out;
  }
  const [header, ...rows] = read.records;
  if ((header?.fields ?? []).map((f) => f.trim().toLowerCase()).join(',') !== SYNONYM_CSV_HEADER) {
    out.problems.push({ line: 1, message: `the header must be "${SYNONYM_CSV_HEADER}"` });
    return out;
  }
  for (const { fields: record, line } of rows) {
    if (out.rules.length >= MAX_RULES) {
      out.problems.push({ line, message: `more than ${MAX_RULES} rules in one file` });
      break;
    }
    if (record.length !== 3) {
      out.problems.push({ line, message: `${record.length} fields; a line is locale,terms,one_way_to` });
      continue;
    }
    const [locale, terms, target] = record as [string, string, string];
    out.rules.push({
      locale: locale.trim(),
      terms: terms.split(';').map(cleanTerm).filter((t) => t !== ''),
      oneWayTo: cleanTerm(target) === '' ? null : cleanTerm(target),
    });
    out.lines.push(line);
  }
  for (const problem of ruleSetProblems(out.rules)) {
    out.problems.push({ line: out.lines[problem.index] ?? 1, message: problem.message });
  }
  out.problems.sort((a, b) => a.line - b.line);
  return out;
}
