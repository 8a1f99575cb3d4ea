/**
 * The formats `import` and `publish` read (`--format`): Cuecard's own NDJSON, a CSV file in
 * Cuecard's columns (common/import/csv-rows.ts), osTicket reply templates and Zendesk macros (NDJSON
 * records or a Zendesk JSON export, common/import/zendesk-macros.ts). A foreign format's records are templates whose placeholders are
 * converted in the body (to Liquid) and the title (to `[Field]` markers: titles are shown, never
 * rendered).
 */
import { assertNever } from '../assert-never';
import type { ImportRecord } from '../knowledge';
import { convertOsTicketBody, convertOsTicketTitle } from './osticket';
import { convertZendeskBody, convertZendeskTitle } from './zendesk';

export const IMPORT_FORMATS = ['cuecard', 'csv', 'osticket', 'zendesk'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

export function convertRecord(format: ImportFormat, record: ImportRecord): ImportRecord {
  switch (format) {
    case 'cuecard':
    case 'csv':
      return record;
    case 'osticket':
      return { ...record, kind: 'template', title: convertOsTicketTitle(record.title), body: convertOsTicketBody(record.body) };
    case 'zendesk':
      return { ...record, kind: 'template', title: convertZendeskTitle(record.title), body: convertZendeskBody(record.body) };
    default:
      return assertNever(format);
  }
}
