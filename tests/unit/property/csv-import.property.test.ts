/**
 * Property-based tests (fast-check) of the CSV import: any text written as RFC 4180 CSV reads back
 * as written (line ends as LF), and any text at all is answered with records and numbered rows,
 * or one reason the file cannot be read — never a crash or a silently lost row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImportRecords } from '../../../common/import-records';

const cell = (value: string): string => `"${value.replace(/"/g, '""')}"`;
/** Text a spreadsheet may hold: quotes, commas, semicolons, line breaks of any kind, any script. */
const cellText = fc.string({
  unit: fc.oneof(fc.constantFrom('"', ',', ';', '\n', '\r', '\r\n', ' ', '=', '+', '@'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
  maxLength: 30,
});
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9/_-]{0,11}$/);

describe('CSV import', () => {
  it('reads back every row written as CSV, numbered from 2, with its text as written (line ends as LF)', () => {
    const row = fc.record({ title: cellText.filter((t) => t.trim() !== ''), body: cellText, tags: fc.array(word, { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 6 }), fc.array(row, { minLength: 6, maxLength: 6 }), fc.boolean(), (ids, rows, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const lines = ['id,title,body,tags', ...ids.map((id, i) => [id, rows[i]!.title, rows[i]!.body, rows[i]!.tags.join(';')].map(cell).join(','))];
        const { records, problems, readable } = readImportRecords(lines.join(eol) + eol, { format: 'csv' });
        expect({ problems, readable }).toEqual({ problems: [], readable: true });
        expect(records.map((r) => [r.line, r.record.id, r.record.title, r.record.body, r.record.tags])).toEqual(
          ids.map((id, i) => [i + 2, id, lf(rows[i]!.title), lf(rows[i]!.body), rows[i]!.tags]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('answers any text with records and numbered bad rows, or one reason the file is unreadable', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('"', '""', ',', '\n', '\r\n', 'id,title,body\n', '\ufeff', '\ud800'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const { records, problems, readable } = readImportRecords(`id,title,body\n${pieces.join('')}`, { format: 'csv' });
        if (!readable) {
          expect(records).toEqual([]);
          expect(problems).toHaveLength(1);
          return;
        }
        for (const problem of problems) expect(problem).toMatch(/^row \d+: /);
        for (const { at, line } of records) expect(at).toBe(`row ${line}`);
      }),
      { numRuns: 500 },
    );
  });
});

function lf(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
