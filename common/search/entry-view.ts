/**
 * What the overlay, the CLI and IPC show for a hit: the entry's title, a snippet of its body
 * around the first matched word, the highlight ranges in both, and the approval facts. Built
 * here from the index's answer (ids, scores, title ranges, what the query matched) and the
 * entry as indexed; the index itself only ranks.
 */
import type { Range, SearchHit } from '../ipc-contract';
import type { KnowledgeEntry } from '../knowledge';
import { reviewFieldsOf } from '../review-badges';
import { snippetSourceText } from '../templates/snippet-text';
import { FirstMatchCache } from './first-match';
import { highlightRanges, type Matcher } from './highlight';
import type { IndexHit, KnowledgeIndex, SearchQuery } from './types';

const SNIPPET_LENGTH = 160;
/** Characters shown before the first match when the snippet does not start at the body's start. */
const SNIPPET_LEAD = 50;
/** Bodies are searched for their first match this far only (beyond it the snippet shows the start). */
export const MAX_SCAN = 20_000;

/** The bodies snippets were cut from lately, each tokenized once (first-match.ts); ≤ 16 MB. */
const firstMatches = new FirstMatchCache(MAX_SCAN);

/** A window of `body` around its first match (or its start), whitespace collapsed. */
export function snippetText(body: string, m: Matcher): string {
  return snippetAround(body, firstMatches.first(body, m));
}

/** A window of `body` around `first` (its first match's range in the first MAX_SCAN characters), or its start. */
export function snippetAround(body: string, first: Range | null): string {
  const scan = body.length > MAX_SCAN ? body.slice(0, MAX_SCAN) : body;
  let start = 0;
  if (first && first[1] > SNIPPET_LENGTH - 20) {
    start = Math.max(0, first[0] - SNIPPET_LEAD);
    const space = scan.lastIndexOf(' ', start);
    if (space > start - 20 && space >= 0) start = space + 1;
  }
  let end = Math.min(scan.length, start + SNIPPET_LENGTH);
  if (end < scan.length) {
    const space = scan.lastIndexOf(' ', end);
    if (space > start + SNIPPET_LENGTH / 2) end = space;
  }
  return scan.slice(start, end).replace(/\s+/g, ' ');
}

/**
 * Where the view of a hit gets its entry and the text its snippet is cut from. Both depend on the
 * entry only, not on the query, so a caller that searches on every keystroke may keep them
 * (main/search/shown-entries.ts): consecutive prefixes show mostly the same entries, and these two
 * were two thirds of main's time per keystroke (profile of the overlay bench, 100,000 entries).
 */
export interface HitSource {
  entry(id: string, locale: string): KnowledgeEntry | undefined;
  /** `snippetSourceText(entry.kind, entry.body)`, or the same text kept from an earlier call. */
  sourceText(entry: KnowledgeEntry): string;
}

/** The shown form of one hit of `entry` (the entry the hit names, as indexed). */
function entryView(entry: KnowledgeEntry, hit: IndexHit, source: string): SearchHit {
  const snippet = snippetText(source, hit.matched);
  return {
    id: entry.id,
    locale: entry.locale,
    kind: entry.kind,
    title: entry.title,
    snippet,
    titleHighlights: hit.titleHighlights,
    // Ranges on the shown text: collapsing whitespace shifted the body's positions.
    snippetHighlights: highlightRanges(snippet, hit.matched),
    score: hit.score,
    tags: entry.tags,
    fallback: hit.fallback,
    ...reviewFieldsOf(entry),
  };
}

/** Searches `index` and builds the shown form of each hit (entries and snippet text from `from`). */
export function searchEntries(index: KnowledgeIndex, query: SearchQuery, from: HitSource = directSource(index)): SearchHit[] {
  const views: SearchHit[] = [];
  for (const hit of index.search(query)) {
    const entry = from.entry(hit.id, hit.locale);
    if (entry) views.push(entryView(entry, hit, from.sourceText(entry)));
  }
  return views;
}

/** Every entry read from the index and every snippet text made again. */
function directSource(index: Pick<KnowledgeIndex, 'get'>): HitSource {
  return { entry: (id, locale) => index.get(id, locale), sourceText: (entry) => snippetSourceText(entry.kind, entry.body) };
}
