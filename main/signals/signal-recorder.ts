/**
 * Counts the agent's usage as numbers (issue #18). A search "ends" when the agent uses an entry
 * (opens, inserts or copies it), when the overlay is hidden, or SETTLE_MS after the last
 * keystroke; the search as it stood then counts once: its first FOUND_TOP hits as `found`, and,
 * when nothing was used, the normalised query as `missed` (keyed by a hash; the text is kept
 * locally for the agent to see and sent only when the policy allows). Keystrokes in between
 * count nothing. A reply the agent adjusted (before inserting or copying it, or reported after
 * pasting it: main/application/reply-edits.ts) counts as one `edited` with its edit ratio, held
 * for EDIT_REPORT_WINDOW_MS so a later report replaces it. With reporting off nothing is counted.
 */
import { createHash } from 'node:crypto';
import { normaliseQuery, type SignalKind } from '../../common/signals/signal-protocol';
import type { Timers } from '../core/ports';
import type { SignalStore } from './signal-store';

/** A typed query the agent leaves alone this long has ended. */
export const SETTLE_MS = 30_000;
/** How long after an insert or copy the agent may report how they edited the reply (issue #18). */
export const EDIT_REPORT_WINDOW_MS = 10 * 60_000;
/** The hits of an ended search that count as found. */
const FOUND_TOP = 5;

export interface SignalRecorderDeps {
  store: SignalStore;
  enabled: () => boolean;
  now: () => Date;
  timers: Timers;
  log: (line: string) => void;
  /** Told when a search ended with nothing used (the synonyms may have changed meanwhile). */
  onMissed?: () => void;
}

/** One insert or copy of a template (its id and when it happened). */
export interface EditedUse {
  useId: string;
  id: string;
  locale: string;
  at: Date;
}

interface OpenSearch {
  query: string;
  locale: string;
  hits: Array<{ id: string; locale: string }>;
}

/** The key a missed query is counted under: the same for every agent, the text not readable from it directly. */
export function queryKey(normalised: string): string {
  return `q-${createHash('sha256').update(normalised, 'utf8').digest('hex').slice(0, 32)}`;
}

export class SignalRecorder {
  private open: OpenSearch | null = null;
  private timer: unknown = null;

  constructor(private readonly deps: SignalRecorderDeps) {}

  searched(query: string, locale: string, hits: ReadonlyArray<{ id: string; locale: string }>): void {
    if (!this.deps.enabled()) return;
    const normalised = normaliseQuery(query);
    if (normalised === '') return;
    this.open = { query: normalised, locale, hits: hits.slice(0, FOUND_TOP).map((h) => ({ id: h.id, locale: h.locale })) };
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = this.deps.timers.setTimeout(() => void this.ended(), SETTLE_MS);
  }

  async used(kind: Extract<SignalKind, 'opened' | 'inserted' | 'copied'>, id: string, locale: string): Promise<void> {
    if (!this.deps.enabled()) return;
    await this.end(true);
    await this.count(kind, id, locale);
  }

  /**
   * How much the agent edited one inserted or copied reply (main/signals/edit-ratio.ts; 0 for an
   * unchanged one): one edit of the template, held until EDIT_REPORT_WINDOW_MS after the use, so
   * a later report for the same use replaces the ratio instead of counting twice.
   */
  async edited(use: EditedUse, ratio: number): Promise<void> {
    if (!this.deps.enabled()) return;
    try {
      await this.deps.store.holdEdit({
        useId: use.useId,
        day: use.at.toISOString().slice(0, 10),
        key: use.id,
        locale: use.locale,
        ratio: Math.min(1, Math.max(0, ratio)),
        releaseAt: new Date(use.at.getTime() + EDIT_REPORT_WINDOW_MS).toISOString(),
      });
    } catch (error) {
      this.deps.log(`signals: could not count an edit: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The overlay was hidden or the query settled: the open search ends as it stands. */
  ended(): Promise<void> {
    return this.end(false);
  }

  private async end(used: boolean): Promise<void> {
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
    const search = this.open;
    this.open = null;
    if (!search || !this.deps.enabled()) return;
    for (const hit of search.hits) await this.count('found', hit.id, hit.locale);
    if (used) return;
    await this.count('missed', queryKey(search.query), search.locale, search.query);
    this.deps.onMissed?.();
  }

  private async count(kind: Exclude<SignalKind, 'edited'>, key: string, locale: string, queryText?: string): Promise<void> {
    try {
      const day = this.deps.now().toISOString().slice(0, 10);
      await this.deps.store.count({ day, kind, key, locale, ...(queryText ? { queryText } : {}) });
    } catch (error) {
      this.deps.log(`signals: could not count a ${kind}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
