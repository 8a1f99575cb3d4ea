import { Marked } from 'marked';
import type { Tokens } from 'marked';
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

/**
 * Markdown to HTML that is safe on its own (no DOM needed): raw HTML is escaped, links and images
 * only keep https:/mailto: targets, and invisible control characters are removed.
 */
export function markdownToSafeHtml(source: string): string {
  const html = markdown.parse(stripInvisibleControls(source), { async: false });
  return stripInvisibleControls(html);
}

/** The lexer shared with the plain-text conversion, so both outputs read Markdown identically. */
export function lexMarkdown(source: string): Tokens.Generic[] {
  return markdown.lexer(source) as Tokens.Generic[];
}
