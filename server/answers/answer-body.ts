/**
 * An entry's body as a bot and the FAQ show it: templates rendered with their defaults (an empty
 * field without one shows as `[Label]`, as in the overlay's preview) and the variables listed so a
 * bot can fill them itself; Markdown to plain text and to sanitised HTML through the one
 * Markdown function (common/templates/markdown-html.ts), exactly what the overlay's reader shows.
 * Cached per (id, locale, version): a version's body never changes, so a new version is a new key
 * and the old one ages out (an LRU, lru-cache).
 */
import type { TemplateVariable } from '../../common/ipc-contract';
import type { KnowledgeEntry } from '../../common/knowledge';
import { valuesWithMarkers } from '../../common/templates/field-markers';
import { markdownToTextAndSafeHtml } from '../../common/templates/markdown-text';
import { compileTemplate } from '../../common/templates/render-template';
import { escapeHtml } from '../../common/text/html-entities';
import { LRUCache } from 'lru-cache';

export interface RenderedBody {
  text: string;
  /** Sanitised HTML (never raw HTML from the entry). */
  html: string;
  /** A template's fields (empty for an article). */
  variables: TemplateVariable[];
  /** Why the body could not be rendered (then `text` is the source and `html` escapes it). */
  renderError: string | null;
}

/**
 * Bodies kept rendered, least recently used out first: at most 5,000 and 16 M characters of text
 * and HTML together (16–32 MB as V8 strings); a body larger than the budget is rendered each time.
 */
const CACHED_BODIES = 5000;
const CACHED_BODY_CHARACTERS = 16 * 1024 * 1024;

export class BodyRenderer {
  private readonly cache = new LRUCache<string, RenderedBody>({
    max: CACHED_BODIES,
    maxSize: CACHED_BODY_CHARACTERS,
    sizeCalculation: (body) => body.text.length + body.html.length + 1,
  });

  render(entry: KnowledgeEntry): RenderedBody {
    const key = keyOf(entry);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const rendered = renderBody(entry);
    this.cache.set(key, rendered);
    return rendered;
  }

  /** Renders without keeping the result (a caller that keeps its own, like PreparedAnswers' warm-up). */
  renderOnce(entry: KnowledgeEntry): RenderedBody {
    return this.cache.get(keyOf(entry)) ?? renderBody(entry);
  }
}

/** A version's body never changes: (locale, id, version) names it. */
function keyOf(entry: KnowledgeEntry): string {
  return `${entry.locale}\u0000${entry.id}\u0000${entry.version}`;
}

function renderBody(entry: KnowledgeEntry): RenderedBody {
  try {
    if (entry.kind === 'article') return { ...markdownToTextAndSafeHtml(entry.body), variables: [], renderError: null };
    const compiled = compileTemplate(entry.body);
    if (!compiled.ok) return failed(entry.body, compiled.message, []);
    const { variables } = compiled.template;
    const result = compiled.template.render(valuesWithMarkers(variables));
    if (!result.ok) return failed(entry.body, result.message, variables);
    // The reply's HTML is null when it has no formatting: the page still wants paragraphs.
    return { text: result.reply.text, html: result.reply.html ?? paragraphs(result.reply.text), variables, renderError: null };
  } catch (error) {
    return failed(entry.body, error instanceof Error ? error.message : String(error), []);
  }
}

function failed(source: string, message: string, variables: TemplateVariable[]): RenderedBody {
  const text = source.length > 20_000 ? `${source.slice(0, 20_000)}…` : source;
  return { text, html: `<pre>${escapeHtml(text)}</pre>`, variables, renderError: message };
}

/** Plain text as HTML paragraphs, line breaks kept (what marked gives unformatted text with `breaks`). */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>\n')}</p>\n`)
    .join('');
}
