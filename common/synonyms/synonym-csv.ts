/**
 * The synonym file a lead writes (contract, issue #18): a header `locale,terms,one_way_to`, then
 * one rule a line; `terms` separated by `;`. `en,refund;money back;reimbursement,` is a group,
 * `en,screen too dark,brightness` a one-way rule. A field may be double-quoted (RFC 4180, `""`
 * for a quote) but not span lines. Every problem is reported with its line number, and nothing
 * is imported while any remains (ruleSetProblems: bad terms, empty or oversized groups, cycles).
 */
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

/** Splits one CSV line into fields, or says why it cannot. */
function csvFields(line: string): string[] | string {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= line.length) return 'a quoted field is not closed (fields may not span lines)';
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += line[i];
        i += 1;
      }
      if (i < line.length && line[i] !== ',') return 'text after a closing quote';
    } else {
      const next = line.indexOf(',', i);
      field = next < 0 ? line.slice(i) : line.slice(i, next);
      if (field.includes('"')) return 'a quote inside an unquoted field';
      i = next < 0 ? line.length : next;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i += 1; // the comma
  }
}

export function readSynonymCsv(text: string): SynonymFile {
  const out: SynonymFile = { rules: [], lines: [], problems: [] };
  if (text.length > MAX_SYNONYM_FILE_BYTES) {
    out.problems.push({ line: 1, message: `the file is larger than ${MAX_SYNONYM_FILE_BYTES / 1024 / 1024} MB` });
    return out;
  }
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').trim().toLowerCase().replace(/\s*,\s*/g, ',');
  if (header !== SYNONYM_CSV_HEADER) {
    out.problems.push({ line: 1, message: `the header must be "${SYNONYM_CSV_HEADER}"` });
    return out;
  }
  for (let n = 1; n < lines.length; n += 1) {
    const raw = lines[n] as string;
    if (raw.trim() === '') continue;
    const line = n + 1;
    if (out.rules.length >= MAX_RULES) {
      out.problems.push({ line, message: `more than ${MAX_RULES} rules in one file` });
      break;
    }
    const fields = csvFields(raw);
    if (typeof fields === 'string') {
      out.problems.push({ line, message: fields });
      continue;
    }
    if (fields.length !== 3) {
      out.problems.push({ line, message: `${fields.length} fields; a line is locale,terms,one_way_to` });
      continue;
    }
    const [locale, terms, target] = fields as [string, string, string];
    out.rules.push({
      locale: locale.trim(),
      terms: terms.split(';').map(cleanTerm).filter((t) => t !== ''),
      oneWayTo: cleanTerm(target) === '' ? null : cleanTerm(target),
    });
    out.lines.push(line);
  }
  for (const problem of ruleSetProblems(out.rules)) {
    out.problems.push({ line: out.lines[problem.index] ?? lines.length, message: problem.message });
  }
  out.problems.sort((a, b) => a.line - b.line);
  return out;
}
