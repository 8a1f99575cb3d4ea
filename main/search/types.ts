/** The search engine's public shape: the overlay, IPC, CLI and sync all depend on this only. */
import type { SearchHit } from '../../common/ipc-contract';
import type { EntryKind, KnowledgeEntry } from '../../common/knowledge';
import type { EntryChange } from '../store/knowledge-store';

export interface SearchQuery {
  query: string;
  /** The agent's reply language; results come from `localeChain(locale, fallbackLocales)`. */
  locale: string;
  fallbackLocales?: readonly string[];
  kind?: EntryKind;
  tags?: readonly string[];
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

export interface KnowledgeIndex {
  /** Replaces the whole index (start-up, or a rebuild). */
  build(entries: readonly KnowledgeEntry[]): void;
  /** Incremental update after the store committed changes; never a rebuild. */
  apply(changes: readonly EntryChange[]): void;
  search(query: SearchQuery): SearchHit[];
  /** The entry as indexed, for callers that need the full record after a hit. */
  get(id: string, locale: string): KnowledgeEntry | undefined;
  readonly size: number;
}
