/**
 * Zendesk macros as Cuecard templates (`import|publish --format zendesk`). Zendesk placeholders
 * are Liquid already (`{{ticket.requester.first_name}}`), filled by Zendesk from the ticket; in
 * Cuecard the agent fills them, so the usual ones are renamed to the names Cuecard's own
 * templates use (the form then says "Customer first name", and the same value is remembered
 * across templates). Anything else under a Zendesk root stays a field named after its path.
 * Dynamic content (`{{dc.key}}`) lives on the Zendesk account and cannot be resolved here: it is
 * left in place, and the import refuses the template (foreign-placeholders.ts) with its line.
 */
import { stripInvisibleControls } from '../text/strip-controls';
import { htmlToMarkdown, looksLikeHtml } from './html-to-markdown';
import { labelForVariable } from './variable-names';

const RENAMED = new Map([
  ['ticket.requester.first_name', 'customer.first_name'],
  ['ticket.requester.last_name', 'customer.last_name'],
  ['ticket.requester.name', 'customer.name'],
  ['ticket.requester.email', 'customer.email'],
  ['current_user.first_name', 'agent.first_name'],
  ['current_user.name', 'agent.name'],
  ['current_user.email', 'agent.email'],
  ['ticket.id', 'ticket.number'],
]);

/** `{{ path.to.value }}` or `{{path | filter}}`: a Liquid output whose first token is a dotted name
 * (the rest is checked in code: a simpler pattern than one that also parses the filters). */
const OUTPUT = /\{\{\s*([A-Za-z_][\w.-]*)([^{}]*)\}\}/g;
const LIQUID_SPAN = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const MARK_OPEN = '\ue000';
const MARK_CLOSE = '\ue001';
const SENTINEL = /\ue000(\d+)\ue001/g;

const renamed = (name: string): string => RENAMED.get(name) ?? name;

/** A Zendesk macro body: placeholders renamed, HTML bodies as Markdown, Liquid kept intact. */
export function convertZendeskBody(body: string): string {
  const spans: string[] = [];
  // Liquid spans become sentinels so the HTML conversion cannot escape `_` or `|` inside them.
  let text = stripInvisibleControls(body)
    .replace(/[\ue000\ue001]/g, '')
    .replace(LIQUID_SPAN, (span) => {
      spans.push(span.replace(OUTPUT, (whole, name: string, rest: string) => {
        const filters = rest.trim();
        if (filters !== '' && !filters.startsWith('|')) return whole;
        return `{{ ${renamed(name)}${filters ? ` ${filters}` : ''} }}`;
      }));
      return `${MARK_OPEN}${spans.length - 1}${MARK_CLOSE}`;
    });
  if (looksLikeHtml(text)) text = htmlToMarkdown(text);
  return text.replace(SENTINEL, (_whole, index: string) => spans[Number(index)] ?? '');
}

/** A macro title: shown, never rendered, so placeholders become `[Field]` markers. */
export function convertZendeskTitle(title: string): string {
  return stripInvisibleControls(title).replace(OUTPUT, (whole, name: string, rest: string) =>
    rest.trim() === '' || rest.trim().startsWith('|') ? `[${labelForVariable(renamed(name))}]` : whole,
  );
}
