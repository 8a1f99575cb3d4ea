/** The search engine's public shape: the overlay, IPC, CLI and sync all depend on this only. */
import type { Range } from '../ipc-contract';
import type { EntryKind, KnowledgeEntry } from '../knowledge';
import type { Matcher } from './highlight';

/** What a committed write changed, as the index applies it (the app's store and the server's change log both speak it). */
export type EntryChange =
  | { type: 'upsert'; entry: KnowledgeEntry }
  | { type: 'remove'; id: string; locale: string };

export interface SearchQuery {
  query: string;
  /** The agent's reply language; results come from `localeChain(locale, fallbackLocales)`. */
  locale: string;
  fallbackLocales?: readonly string[];
  kind?: EntryKind;
  /** Entries carrying every one of these tags. */
  tags?: readonly string[];
  /** Entries carrying at least one of these tags (a bot token's audience, server/answers/). */
  anyTags?: readonly string[];
  limit?: number;
}

/**
 * How often/recently the agent inserted an entry. `boost` is a bounded ranking multiplier
 * increment in [0, MAX_USAGE_BOOST] (see usage-boost.ts); `top` lists the most used entries
 * for the empty-query view.
 */
export interface UsageSignal {
  boost(id: string, locale: string): number;
  top?(limit: number): Array<{ id: string; locale: string }>;
}

/** One ranked answer of the index; entry-view.ts turns it into what is shown (SearchHit). */
export interface IndexHit {
  id: string;
  /** The locale variant that answers (the most preferred of the chain that has the entry). */
  locale: string;
  /** Text score × usage boost, rounded to 3 decimals (the order is decided before rounding). */
  score: number;
  /** The variant comes from a fallback locale, not the agent's own. */
  fallback: boolean;
  /** Matched words in the entry's title. */
  titleHighlights: Range[];
  /**
   * What the query matched (the same object for every hit of one search). Body ranges are found
   * by the view in the part of the body it shows: ranges over whole bodies cost ~86 µs per hit
   * on the gnome-help corpus (1.7 ms per keystroke for 20 hits, as much as the search itself).
   */
  matched: Matcher;
}

export interface KnowledgeIndex {
  /** Replaces the whole index (start-up, or a rebuild). */
  build(entries: readonly KnowledgeEntry[]): void;
  /** Incremental update after the store committed changes; never a rebuild. */
  apply(changes: readonly EntryChange[]): void;
  /** Ranked hits, best first (no entry text: see entry-view.ts). */
  search(query: SearchQuery): IndexHit[];
  /** The entry as indexed, for callers that need the full record after a hit. */
  get(id: string, locale: string): KnowledgeEntry | undefined;
  readonly size: number;
}
