/**
 * The agent's context for `{% prefill %}` fields (issue #18): what they had copied, and on Linux
 * what they had selected, read once when the overlay opens — only while the "Fill fields from
 * what I copied or selected" setting is on (off by default; IT can pin it). The text stays in
 * memory until the overlay is hidden or opens again; it is never stored, logged or sent.
 *
 * Each text is checked before use: ill-formed text (common/text/well-formed.ts) and text over
 * MAX_CONTEXT_CHARS are not used at all, bidi and zero-width controls are stripped.
 */
import { CONTEXT_SOURCES, type ContextSource } from '../../common/templates/prefill-tag';
import { MAX_CONTEXT_CHARS, type CapturedContext } from '../../common/templates/prefill-match';
import { stripInvisibleControls } from '../../common/text/strip-controls';
import { illFormedMessage, illFormedReason } from '../../common/text/well-formed';
import type { ContextReaderPort, Logger } from '../core/ports';

export interface OverlayContextDeps {
  reader: ContextReaderPort;
  enabled: () => boolean;
  log: Logger;
}

/** `raw` as a prefill may use it, or null with the reason it is not used (never the text itself). */
export function cleanContextText(raw: string | null, source: ContextSource): { text: string | null; problem: string | null } {
  if (raw === null || raw === '') return { text: null, problem: null };
  if (raw.length > MAX_CONTEXT_CHARS) return { text: null, problem: `the ${source} text is longer than ${MAX_CONTEXT_CHARS} characters` };
  const reason = illFormedReason(raw);
  if (reason) return { text: null, problem: illFormedMessage(`the ${source} text`, reason) };
  const text = stripInvisibleControls(raw).trim();
  return { text: text === '' ? null : text, problem: null };
}

export class OverlayContext {
  private captured: CapturedContext | null = null;
  private reading: Promise<void> = Promise.resolve();
  /** A read that ends after the overlay opened again (or was hidden) must not win. */
  private generation = 0;

  constructor(private readonly deps: OverlayContextDeps) {}

  /** The overlay opens: what is on the clipboard and selected now is the context (or nothing, with the setting off). */
  capture(): Promise<void> {
    this.forget();
    if (!this.deps.enabled()) return (this.reading = Promise.resolve());
    const generation = this.generation;
    this.reading = this.read().then(
      (context) => {
        if (generation === this.generation) this.captured = context;
      },
      (error: unknown) => this.deps.log('context: the clipboard or selection could not be read', error),
    );
    return this.reading;
  }

  /** What was captured when the overlay opened (waits for a read still under way); null when nothing. */
  async current(): Promise<CapturedContext | null> {
    await this.reading;
    return this.deps.enabled() ? this.captured : null;
  }

  forget(): void {
    this.generation += 1;
    this.captured = null;
  }

  private async read(): Promise<CapturedContext | null> {
    // Both reads start now, before the overlay window shows: its search field selecting its own
    // text must not become "the selection" on X11.
    const [clipboard, selection] = await Promise.all([this.deps.reader.clipboardText(), this.deps.reader.selectionText()]);
    const raw: Record<ContextSource, string | null> = { clipboard, selection };
    const context: CapturedContext = { clipboard: null, selection: null };
    for (const source of CONTEXT_SOURCES) {
      const { text, problem } = cleanContextText(raw[source], source);
      if (problem) this.deps.log(`context: ${problem}; not used`);
      context[source] = text;
    }
    return context.clipboard === null && context.selection === null ? null : context;
  }
}
