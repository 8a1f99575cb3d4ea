import DOMPurify from 'dompurify';
import { safeLinkTarget } from '../../../common/safe-link';
import { markdownToSafeHtml, MarkdownTooLargeError } from '../../../common/templates/markdown-html';
import { escapeHtml } from '../../../common/text/html-entities';

/*
 * Knowledge content reaches the page through the one Markdown → sanitised HTML function
 * (common/templates/markdown-html.ts), the same one that builds the HTML a reply pastes, so what
 * the agent reads is what gets pasted. That function needs no DOM and is safe on its own (raw HTML
 * escaped, https:/mailto: links only, images as links); DOMPurify runs after it here as a second
 * line of defence, with the same link rule, and is a no-op on its output (tests/e2e checks both).
 */

// Forbidden even though DOMPurify's defaults would allow some: nothing that loads, styles or submits.
const purifyOptions = {
  FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
};

DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
  if ((data.attrName === 'href' || data.attrName === 'xlink:href') && safeLinkTarget(data.attrValue) === null) {
    data.keepAttr = false;
  }
});

/** HTML that came from main (a rendered reply), sanitised again before it touches the page. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, purifyOptions);
}

/** Markdown (articles, template bodies) as the HTML the overlay shows; a note when it is too large. */
export function renderMarkdown(markdown: string): string {
  try {
    return sanitizeHtml(markdownToSafeHtml(markdown));
  } catch (error) {
    if (!(error instanceof MarkdownTooLargeError)) throw error;
    return `<p class="error" role="alert">${escapeHtml(`${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`)}</p>`;
  }
}

/** The link a click landed on inside sanitised content, if it is one we may open. */
export function linkTarget(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  const href = target.closest('a')?.getAttribute('href');
  return href ? safeLinkTarget(href) : null;
}
