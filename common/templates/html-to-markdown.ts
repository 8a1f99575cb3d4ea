import { safeLinkTarget } from '../safe-link';
import { decodeHtmlEntities } from '../text/html-entities';

/** Tags that make a body HTML rather than plain text with a stray `<` in it. */
const HTML_TAG = /<\/?(p|br|div|strong|b|em|i|u|a|ul|ol|li|span|font|h[1-6]|table|tbody|thead|tr|td|th|blockquote|hr|img|pre|code)\b[^>]*>/i;

export function looksLikeHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

/** Escapes text taken from HTML so it stays literal once read as Markdown. */
function escapeInlineText(text: string): string {
  return text.replace(/[\\`*_[\]&]/g, '\\$&');
}

const ATTRIBUTES = {
  href: /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i,
  alt: /\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i,
};

function attribute(tag: string, name: keyof typeof ATTRIBUTES): string | null {
  const match = ATTRIBUTES[name].exec(tag);
  if (!match) return null;
  return decodeHtmlEntities(match[1] ?? match[2] ?? match[3] ?? '');
}

/**
 * Whether an imported link stays a link: only targets the one link rule (common/safe-link.ts)
 * accepts, or ones built around a placeholder (the importers' private-use sentinels), which that
 * rule checks once filled, when the reply is rendered. A `javascript:` link keeps its text only.
 */
function keepsLink(href: string): boolean {
  return safeLinkTarget(href) !== null || /[\ue000-\ue001]/.test(href);
}

interface ListState {
  ordered: boolean;
  next: number;
}

/**
 * Basic HTML to Markdown for imported reply templates (osTicket stores HTML bodies): paragraphs,
 * line breaks, bold/italic, links, lists, headings, rules and entities. Anything else (spans, fonts,
 * tables) is reduced to its text. No DOM: this runs in the main process and the CLI.
 */
export function htmlToMarkdown(html: string): string {
  const cleaned = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  const out: string[] = [];
  const lists: ListState[] = [];
  const links: { href: string | null; start: number }[] = [];
  const pieces = cleaned.split(/(<\/?[a-zA-Z][^>]*>)/);
  for (const piece of pieces) {
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(piece);
    if (!tag) {
      out.push(escapeInlineText(decodeHtmlEntities(piece.replace(/\s+/g, ' '))));
      continue;
    }
    const closing = tag[1] === '/';
    const name = (tag[2] ?? '').toLowerCase();
    switch (name) {
      case 'br':
        out.push('\n');
        break;
      case 'p':
      case 'div':
      case 'table':
      case 'blockquote':
      case 'pre':
        out.push('\n\n');
        break;
      case 'tr':
        if (closing) out.push('\n');
        break;
      case 'td':
      case 'th':
        if (closing) out.push(' ');
        break;
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
        out.push(closing ? '\n\n' : `\n\n${'#'.repeat(Number(name[1]))} `);
        break;
      case 'strong':
      case 'b':
        out.push('**');
        break;
      case 'em':
      case 'i':
        out.push('*');
        break;
      case 'hr':
        out.push('\n\n---\n\n');
        break;
      case 'ul':
      case 'ol':
        if (closing) lists.pop();
        else lists.push({ ordered: name === 'ol', next: 1 });
        out.push('\n\n');
        break;
      case 'li': {
        if (closing) break;
        const list = lists[lists.length - 1] ?? { ordered: false, next: 1 };
        const indent = '   '.repeat(Math.max(0, lists.length - 1));
        out.push(`\n${indent}${list.ordered ? `${list.next++}.` : '-'} `);
        break;
      }
      case 'a':
        if (!closing) {
          links.push({ href: attribute(piece, 'href'), start: out.length });
        } else {
          const link = links.pop();
          if (!link) break;
          const label = out.splice(link.start).join('').trim();
          if (!link.href || link.href === label) out.push(label || link.href || '');
          else if (!keepsLink(link.href)) out.push(label);
          else out.push(`[${label || link.href}](<${link.href.replace(/[<>]/g, encodeURIComponent)}>)`);
        }
        break;
      case 'img':
        out.push(escapeInlineText(attribute(piece, 'alt') ?? ''));
        break;
      default:
        // span, font, u, code, tbody…: formatting we do not carry over; keep the text only.
        break;
    }
  }
  return out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+(?![-\d])/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\*\*\s*\*\*/g, '')
    .trim();
}
