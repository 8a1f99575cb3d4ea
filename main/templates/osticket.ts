import type { ImportRecord } from '../../common/knowledge';
import { convertOsTicketBody } from '../../common/templates/osticket';

/**
 * An osTicket reply template as a Cuecard template record: `%{ticket.number}` placeholders become
 * Liquid, HTML bodies become Markdown. Called by `cli import --format osticket`, which validates
 * the converted body (validateTemplateBody) before publishing. The title (osTicket's subject line)
 * is left as written: it is shown, never rendered.
 */
export function convertOsTicketRecord(record: ImportRecord): ImportRecord {
  return { ...record, kind: 'template', body: convertOsTicketBody(record.body) };
}
