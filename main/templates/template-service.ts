/**
 * Prepares and renders knowledge entries for the overlay. Templates are parsed once per
 * (id, locale, version) and kept, so the live preview can re-render on every keystroke cheaply;
 * a new version of an entry gets a new cache key, so an edited template is never rendered stale.
 */
import type { TemplatePreparation } from '../../common/ipc-contract';
import type { KnowledgeEntry } from '../../common/knowledge';
import { assertNever } from '../../common/assert-never';
import { markdownToSafeHtml } from '../../common/templates/markdown-html';
import { hasMarkdownFormatting, markdownToPlainText } from '../../common/templates/markdown-text';
import { compileTemplate } from '../../common/templates/render-template';
import type { TemplateCompileResult, TemplateRenderResult } from '../../common/templates/render-template';
import { prefillValues, type CapturedContext } from '../../common/templates/prefill-match';
import type { PrefillOutcome } from '../core/ports';

const DEFAULT_CACHE_SIZE = 200;

export class TemplateService {
  private readonly cache = new Map<string, TemplateCompileResult>();

  constructor(private readonly options: { cacheSize?: number } = {}) {}

  prepare(entry: KnowledgeEntry): TemplatePreparation {
    switch (entry.kind) {
      case 'article':
        return { ok: true, variables: [] };
      case 'template': {
        const compiled = this.compiled(entry);
        return compiled.ok ? { ok: true, variables: compiled.template.variables } : compiled;
      }
      default:
        return assertNever(entry.kind);
    }
  }

  /** Articles render as their Markdown body; templates with the agent's values (keyed by dotted name). */
  render(entry: KnowledgeEntry, values: Readonly<Record<string, string>>): TemplateRenderResult {
    switch (entry.kind) {
      case 'article': {
        const html = hasMarkdownFormatting(entry.body) ? markdownToSafeHtml(entry.body) : null;
        return { ok: true, reply: { text: markdownToPlainText(entry.body), html } };
      }
      case 'template': {
        const compiled = this.compiled(entry);
        if (!compiled.ok) return { ok: false, message: `This template has an error: ${compiled.message}`, missing: [] };
        return compiled.template.render(values);
      }
      default:
        return assertNever(entry.kind);
    }
  }

  /** Values for the `{% prefill %}` fields from the agent's context; run in the worker, under its deadline. */
  prefill(entry: KnowledgeEntry, context: CapturedContext): PrefillOutcome {
    if (entry.kind !== 'template') return { ok: true, prefills: {} };
    const compiled = this.compiled(entry);
    if (!compiled.ok) return compiled;
    return { ok: true, prefills: prefillValues(compiled.template.variables, context) };
  }

  private compiled(entry: KnowledgeEntry): TemplateCompileResult {
    const key = `${entry.locale}\u0000${entry.id}\u0000${entry.version}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Map order is insertion order: re-inserting keeps recently used templates at the end.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const compiled = compileTemplate(entry.body);
    this.cache.set(key, compiled);
    const limit = this.options.cacheSize ?? DEFAULT_CACHE_SIZE;
    while (this.cache.size > limit) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return compiled;
  }
}
