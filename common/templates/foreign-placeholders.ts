/**
 * Placeholders of another help desk's syntax left in a template: they would reach the customer
 * as written (`Hi %{recipient.name.first}`), so an import or publish refuses the template and
 * says which line and which converter (`--format osticket|zendesk`) applies.
 */
import { OSTICKET_PLACEHOLDER, isOsTicketPlaceholderName } from './osticket';

export interface ForeignPlaceholder {
  /** What was found, as written. */
  text: string;
  /** 1-based line inside the text. */
  line: number;
  /** The sentence an author acts on. */
  advice: string;
  index: number;
}

const ZENDESK_DYNAMIC_CONTENT = /\{\{\s*dc\.[^{}]*\}\}/;
// Handlebars/Curlybars (Zendesk Guide themes, Freshdesk, Help Scout) blocks, partials and comments.
const HANDLEBARS_BLOCK = /\{\{\s*[#/^>!][^{}]*\}\}/;

export function findForeignPlaceholder(text: string): ForeignPlaceholder | null {
  const found: ForeignPlaceholder[] = [];
  for (const match of text.matchAll(OSTICKET_PLACEHOLDER)) {
    if (!isOsTicketPlaceholderName(match[1] as string)) continue;
    found.push(at(text, match.index, match[0], 'an osTicket placeholder; import it with --format osticket'));
    break;
  }
  const dc = ZENDESK_DYNAMIC_CONTENT.exec(text);
  if (dc) found.push(at(text, dc.index, dc[0], 'Zendesk dynamic content, which only Zendesk can fill; replace it with its text'));
  const block = HANDLEBARS_BLOCK.exec(text);
  if (block) found.push(at(text, block.index, block[0], 'Handlebars syntax, which Cuecard templates (Liquid) do not read; rewrite it in Liquid'));
  found.sort((a, b) => a.index - b.index);
  return found[0] ?? null;
}

function at(text: string, index: number, written: string, advice: string): ForeignPlaceholder {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return { text: written, line, advice, index };
}
