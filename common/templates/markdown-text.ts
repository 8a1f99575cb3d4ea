import type { Tokens } from 'marked';
import { decodeHtmlEntities } from '../text/html-entities';
import { stripInvisibleControls } from '../text/strip-controls';
import { lexMarkdown, safeHtmlFromTokens } from './markdown-html';

type Token = Tokens.Generic;

/**
 * Markdown to plain text for fields that take no formatting: emphasis markers go, links become
 * `label (url)`, list markers and line breaks stay, raw HTML stays as the author typed it.
 */
export function markdownToPlainText(source: string): string {
  return plainTextFromTokens(lexMarkdown(source));
}

/**
 * markdownToPlainText and markdownToSafeHtml of one source from one lexing (what the server's
 * answers and FAQ show): lexing is most of either's cost, ~0.1 ms for a 1.4 KB gnome-help body.
 */
export function markdownToTextAndSafeHtml(source: string): { text: string; html: string } {
  const tokens = lexMarkdown(source);
  const text = plainTextFromTokens(tokens);
  return { text, html: safeHtmlFromTokens(tokens) };
}

function plainTextFromTokens(tokens: Token[]): string {
  return stripInvisibleControls(blocksToText(tokens)).replace(/[ \t]+$/gm, '');
}

/** Markdown constructs that make an HTML version of a reply worth putting on the clipboard. */
const FORMATTING_TOKENS = new Set([
  'heading', 'list', 'blockquote', 'code', 'hr', 'table', 'strong', 'em', 'del', 'codespan', 'link', 'image',
]);

/** True when the Markdown uses any formatting; plain prose (with line breaks) does not count. */
export function hasMarkdownFormatting(source: string): boolean {
  const visit = (tokens: Token[] | undefined): boolean =>
    (tokens ?? []).some(
      (token) =>
        FORMATTING_TOKENS.has(token.type) ||
        visit(token.tokens) ||
        (Array.isArray(token.items) && visit(token.items as Token[])),
    );
  return visit(lexMarkdown(source));
}

function blocksToText(tokens: Token[]): string {
  return tokens
    .map(blockToText)
    .filter((part) => part !== null)
    .join('\n\n');
}

function blockToText(token: Token): string | null {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
    case 'heading':
      return inlineToText(token.tokens ?? []);
    case 'text':
      return token.tokens ? inlineToText(token.tokens) : decodeHtmlEntities(String(token.text));
    case 'code':
      return String(token.text);
    case 'html':
      return String(token.text).trim();
    case 'hr':
      return '---';
    case 'blockquote':
      return blocksToText(token.tokens ?? [])
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'list':
      return listToText(token as unknown as Tokens.List);
    case 'table':
      return tableToText(token as unknown as Tokens.Table);
    default:
      // Unknown block types (extensions) keep their source rather than vanish.
      return token.tokens ? inlineToText(token.tokens) : String(token.raw).trim();
  }
}

function listToText(list: Tokens.List): string {
  const start = typeof list.start === 'number' ? list.start : 1;
  return list.items
    .map((item, index) => {
      const marker = list.ordered ? `${start + index}. ` : '- ';
      const body = item.tokens
        .map((child) => (child.type === 'checkbox' ? null : blockToText(child as Token)))
        .filter((part) => part !== null)
        .join(item.loose ? '\n\n' : '\n');
      const task = item.task ? (item.checked ? '[x] ' : '[ ] ') : '';
      const indent = ' '.repeat(marker.length);
      return marker + task + body.split('\n').join(`\n${indent}`);
    })
    .join(list.loose ? '\n\n' : '\n');
}

function tableToText(table: Tokens.Table): string {
  const row = (cells: Tokens.TableCell[]): string => cells.map((cell) => inlineToText(cell.tokens as Token[])).join(' | ');
  return [row(table.header), ...table.rows.map(row)].join('\n');
}

function inlineToText(tokens: Token[]): string {
  return tokens.map(inlineTokenToText).join('');
}

function inlineTokenToText(token: Token): string {
  switch (token.type) {
    case 'text':
      return token.tokens ? inlineToText(token.tokens) : decodeHtmlEntities(String(token.text));
    case 'escape':
      return String(token.text);
    case 'codespan':
      return String(token.text);
    case 'br':
      return '\n';
    case 'html':
      return String(token.text);
    case 'link': {
      const label = inlineToText(token.tokens ?? []);
      const href = decodeHtmlEntities(String(token.href));
      const bareHref = href.replace(/^mailto:/i, '');
      return label === href || label === bareHref ? label : `${label} (${bareHref})`;
    }
    case 'image':
      return decodeHtmlEntities(String(token.text));
    default:
      // strong, em, del and extension tokens: keep their content, drop the markers.
      return token.tokens ? inlineToText(token.tokens) : decodeHtmlEntities(String(token.text ?? token.raw));
  }
}
