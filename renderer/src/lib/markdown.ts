import { Marked } from 'marked';
import DOMPurify from 'dompurify';

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapeMap[c] ?? c);
}

/**
 * Knowledge content is Markdown only: raw HTML in an article is shown as text, never parsed, and
 * images render as their alt text (the CSP blocks remote images anyway).
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
    // Content sits under the overlay's own h2, so its headings start at h3.
    heading({ tokens, depth }) {
      const level = Math.min(6, depth + 2);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

/** Only these link targets survive; everything else (javascript:, data:, relative) loses its href. */
export const ALLOWED_LINK = /^(?:https:|mailto:)/i;

const purifyOptions = {
  ALLOWED_URI_REGEXP: ALLOWED_LINK,
  FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
};

/** Second line of defence for HTML that came from elsewhere (e.g. a rendered reply). */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, purifyOptions);
}

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }));
}

/** The link a click landed on inside sanitised content, if it is one we may open. */
export function linkTarget(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  const anchor = target.closest('a');
  const href = anchor?.getAttribute('href');
  return href && ALLOWED_LINK.test(href) ? href : null;
}
