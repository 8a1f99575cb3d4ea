/**
 * A file's text as the units the one import reader (common/import-records.ts) checks one by one:
 * NDJSON lines (Cuecard's format, osTicket templates and Zendesk macros already converted to it),
 * CSV rows (csv-rows.ts) or the macros of a Zendesk JSON export (zendesk-macros.ts). Each unit
 * carries where it is in the file, as its messages name it: `3` for line 3 (the NDJSON reports'
 * `file:3:` form), `row 3`, `macro 2 (id 360001)`.
 *
 * The bounds of one import live here, applied before anything is parsed: a file over
 * MAX_IMPORT_CHARS or with more than MAX_IMPORT_RECORDS rows or macros is refused as a whole.
 */
import type { ImportFormat } from '../templates/import-formats';
import { readCsvRows } from './csv-rows';
import { isZendeskExport, readZendeskMacros } from './zendesk-macros';

/** 64 Mi characters: ten times the largest corpus we import (GNOME Help, 6 MB) and a bound on memory. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
/** Rows or macros in one CSV file or Zendesk export: the Library's list is built for 100,000 entries. */
export const MAX_IMPORT_RECORDS = 100_000;

export interface SourceUnit {
  /** 1-based position: the line, row or macro number. */
  position: number;
  /** How messages name the unit: `3` (NDJSON line), `row 3`, `macro 2 (id 7)`. */
  at: string;
  /** The record in the NDJSON format's field names, when the unit could be read. */
  value?: unknown;
  /** Why the unit cannot be read at all. */
  problem?: string;
  /** Why the unit is left out although it is fine (an inactive macro). */
  warning?: string;
}

export type SourceKind = 'ndjson' | 'csv' | 'zendesk-export';

export type SourceResult = { ok: true; kind: SourceKind; units: SourceUnit[] } | { ok: false; message: string };

export function readSourceUnits(text: string, format: ImportFormat): SourceResult {
  if (text.length > MAX_IMPORT_CHARS) {
    return { ok: false, message: `the file is over ${MAX_IMPORT_CHARS.toLocaleString('en')} characters (the most one import takes); split it` };
  }
  if (format === 'csv') {
    const csv = readCsvRows(text, MAX_IMPORT_RECORDS);
    if (!csv.ok) return csv;
    const units: SourceUnit[] = [
      ...csv.rows.map(({ row, value }) => ({ position: row, at: `row ${row}`, value })),
      ...csv.problems.map(({ row, message }) => ({ position: row, at: `row ${row}`, problem: message })),
    ];
    return { ok: true, kind: 'csv', units: units.sort((a, b) => a.position - b.position) };
  }
  if (format === 'zendesk' && isZendeskExport(text)) {
    const macros = readZendeskMacros(text, MAX_IMPORT_RECORDS);
    if (!macros.ok) return macros;
    return { ok: true, kind: 'zendesk-export', units: macros.units.map((unit, i) => ({ position: i + 1, ...unit })) };
  }
  return { ok: true, kind: 'ndjson', units: ndjsonUnits(text) };
}

function ndjsonUnits(text: string): SourceUnit[] {
  const units: SourceUnit[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const unit = { position: line, at: `${line}` };
    try {
      units.push({ ...unit, value: JSON.parse(raw) as unknown });
    } catch (error) {
      units.push({ ...unit, problem: `not valid JSON (${(error as Error).message})` });
    }
  });
  return units;
}
