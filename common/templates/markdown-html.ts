import { Marked } from 'marked';
import type { Token, Tokens } from 'marked';
import { safeLinkTarget } from '../safe-link';
import { escapeHtml } from '../text/html-entities';
import { stripInvisibleControls } from '../text/strip-controls';

// One private instance: never touch marked's global defaults, which other code may configure.
// `breaks: true` because reply authors expect the line breaks they typed to survive.
const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML in a template is shown as text, never interpreted.
    html(token: Tokens.HTML | Tokens.Tag): string {
      if (!token.block) return escapeHtml(token.text);
      return `<p>${escapeHtml(token.text.trim()).replace(/\n/g, '<br>\n')}</p>\n`;
    },
    link(token: Tokens.Link): string {
      const label = this.parser.parseInline(token.tokens);
      const target = safeLinkTarget(token.href);
      if (target === null) return label;
      return `<a href="${escapeHtml(target)}">${label}</a>`;
    },
    // Images in a pasted reply would load from wherever the template says; show a link instead.
    image(token: Tokens.Image): string {
      const label = escapeHtml(token.text || token.href);
      const target = safeLinkTarget(token.href);
      if (target === null) return label;
      return `<a href="${escapeHtml(target)}">${label}</a>`;
    },
    // Task-list checkboxes become text so the clipboard HTML holds no form controls.
    checkbox(token: Tokens.Checkbox): string {
      return token.checked ? '[x] ' : '[ ] ';
    },
  },
});

// ---- bounds ----------------------------------------------------------------------
/** The longest Markdown rendered (an entry body's limit, MAX_BODY_LENGTH). */
export const MAX_MARKDOWN_INPUT = 200_000;
/** The most HTML one render may produce; Markdown expands (lists, tables) but not 10×. */
export const MAX_MARKDOWN_OUTPUT = 2_000_000;
/**
 * marked's emphasis matching is quadratic in the `*`/`_`/`~` delimiters of one block: a 64 KB
 * body of `*a*a…` took ~10 s. A block (text between blank lines, outside code fences) with more
 * delimiters than this has them written as character references, so they print as written:
 * linear, and nothing lost.
 * Measured on this machine: 32,000 characters of `*a` took 0.8–1.5 s before, under 50 ms after.
 */
const MAX_DELIMITERS_PER_BLOCK = 256;

export class MarkdownTooLargeError extends Error {
  constructor(what: 'input' | 'output', limit: number) {
    super(`this entry is too large to render (its ${what === 'input' ? 'text' : 'formatted result'} is over ${limit.toLocaleString('en')} characters)`);
  }
}

const DELIMITER = /(?<!\\)[*_~]/g;
/** Character references, not backslashes: marked reads a run of them as one text token (measured:
 * 200,000 characters lexed in 0.24 s as references, 0.97 s as 100,000 backslash escapes). */
const ENTITY: Record<string, string> = { '*': '&#42;', _: '&#95;', '~': '&#126;' };

/** Escapes the emphasis delimiters of blocks that have too many (see MAX_DELIMITERS_PER_BLOCK). */
function defuseDelimiterRuns(source: string): string {
  if ((source.match(DELIMITER)?.length ?? 0) <= MAX_DELIMITERS_PER_BLOCK) return source;
  const lines = source.split('\n');
  let inFence = false;
  let block: number[] = [];
  const flush = () => {
    const count = block.reduce((sum, i) => sum + (lines[i]!.match(DELIMITER)?.length ?? 0), 0);
    if (count > MAX_DELIMITERS_PER_BLOCK) for (const i of block) lines[i] = lines[i]!.replace(DELIMITER, (c) => ENTITY[c]!);
    block = [];
  };
  for (const [i, line] of lines.entries()) {
    if (/^ {0,3}(```|~~~)/.test(line)) {
      flush();
      inFence = !inFence;
    } else if (inFence) {
      continue;
    } else if (line.trim() === '') {
      flush();
    } else {
      block.push(i);
    }
  }
  flush();
  return lines.join('\n');
}

/** What marked is given: invisible controls removed, size checked, delimiter runs defused. */
function boundedSource(source: string): string {
  if (source.length > MAX_MARKDOWN_INPUT) throw new MarkdownTooLargeError('input', MAX_MARKDOWN_INPUT);
  return defuseDelimiterRuns(stripInvisibleControls(source));
}

/**
 * Markdown to HTML that is safe on its own (no DOM needed): raw HTML is escaped, links and images
 * only keep https:/mailto: targets, and invisible control characters are removed. Bounded: input
 * and output sizes are capped (MarkdownTooLargeError) and delimiter runs cannot go quadratic.
 */
export function markdownToSafeHtml(source: string): string {
  return safeHtmlFromTokens(lexMarkdown(source));
}

/**
 * markdownToSafeHtml from tokens lexMarkdown made, for a caller that also reads them (the plain
 * text: markdownToTextAndSafeHtml), so the Markdown is lexed once.
 */
export function safeHtmlFromTokens(tokens: Tokens.Generic[]): string {
  const html = markdown.parser(tokens as Token[]);
  if (html.length > MAX_MARKDOWN_OUTPUT) throw new MarkdownTooLargeError('output', MAX_MARKDOWN_OUTPUT);
  return stripInvisibleControls(html);
}

/** The lexer shared with the plain-text conversion, so both outputs read Markdown identically. */
export function lexMarkdown(source: string): Tokens.Generic[] {
  return markdown.lexer(boundedSource(source)) as Tokens.Generic[];
}
