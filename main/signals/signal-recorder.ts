/**
 * Counts the agent's usage as numbers (issue #18). A search "ends" when the agent uses an entry
 * (opens, inserts or copies it), when the overlay is hidden, or SETTLE_MS after the last
 * keystroke; the search as it stood then counts once: its first FOUND_TOP hits as `found`, and,
 * when nothing was used, the normalised query as `missed` (keyed by a hash; the text is kept
 * locally for the agent to see and sent only when the policy allows). Keystrokes in between
 * count nothing. An inserted reply the agent adjusted first counts as `edited` with its edit
 * ratio. With reporting off nothing is counted.
 */
import { createHash } from 'node:crypto';
import { normaliseQuery, type SignalKind } from '../../common/signals/signal-protocol';
import type { Timers } from '../core/ports';
import type { SignalStore } from './signal-store';

/** A typed query the agent leaves alone this long has ended. */
export const SETTLE_MS = 30_000;
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
   * The agent inserted a reply they adjusted first ("Adjust before insert"): counted as one edit
   * of the template with its edit ratio (main/signals/edit-ratio.ts), 0 for an unchanged reply.
   */
  async edited(id: string, locale: string, ratio: number): Promise<void> {
    if (!this.deps.enabled()) return;
    await this.count('edited', id, locale, undefined, Math.min(1, Math.max(0, ratio)));
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

  private async count(kind: SignalKind, key: string, locale: string, queryText?: string, ratio?: number): Promise<void> {
    try {
      const day = this.deps.now().toISOString().slice(0, 10);
      await this.deps.store.count({ day, kind, key, locale, ...(queryText ? { queryText } : {}), ...(ratio === undefined ? {} : { ratio }) });
    } catch (error) {
      this.deps.log(`signals: could not count a ${kind}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
