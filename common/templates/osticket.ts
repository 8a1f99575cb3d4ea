import { stripInvisibleControls } from '../text/strip-controls';
import { htmlToMarkdown, looksLikeHtml } from './html-to-markdown';
import { labelForVariable } from './variable-names';

/** `%{ticket.number}`, `%{recipient.name.first}`, `%{收件者}`: dotted names, letters in any script. */
export const OSTICKET_PLACEHOLDER = /%\{\s*([^{}\s]+)\s*\}/g;
const NAME_SEGMENT = /^[\p{L}_][\p{L}\p{N}_-]*$/u;
// Private-use characters mark where placeholders go while the rest of the body is converted.
const MARK_OPEN = '\ue000';
const MARK_CLOSE = '\ue001';
const SENTINEL = /\ue000(\d+)\ue001/g;

export const isOsTicketPlaceholderName = (name: string): boolean => name.split('.').every((segment) => NAME_SEGMENT.test(segment));

/**
 * Converts an osTicket template body to a Cuecard Liquid template: `%{a.b}` becomes `{{ a.b }}`,
 * HTML bodies become Markdown, and any literal `{{` / `{%` in the text is kept literal so it cannot
 * turn into Liquid code.
 */
export function convertOsTicketBody(body: string): string {
  const names: string[] = [];
  // Placeholders become sentinels first so HTML conversion and escaping cannot touch their names.
  let text = stripInvisibleControls(body)
    .replace(/[\ue000\ue001]/g, '')
    .replace(OSTICKET_PLACEHOLDER, (whole, name: string) => {
      if (!isOsTicketPlaceholderName(name)) return whole;
      names.push(name);
      return `${MARK_OPEN}${names.length - 1}${MARK_CLOSE}`;
    });
  if (looksLikeHtml(text)) text = htmlToMarkdown(text);
  text = text.replace(/\{(?=[{%])/g, '{{ "{" }}');
  return text.replace(SENTINEL, (_whole, index: string) => `{{ ${names[Number(index)] ?? ''} }}`);
}

/**
 * An osTicket subject line as a Cuecard title. Titles are shown in the result list, never rendered,
 * so `Re: %{ticket.subject}` becomes `Re: [Ticket subject]`: the same `[Field]` marker the preview
 * shows for an unfilled field, rather than Liquid the agent would read as code.
 */
export function convertOsTicketTitle(title: string): string {
  return stripInvisibleControls(title).replace(OSTICKET_PLACEHOLDER, (whole, name: string) =>
    isOsTicketPlaceholderName(name) ? `[${labelForVariable(name)}]` : whole,
  );
}
