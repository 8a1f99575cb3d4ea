/**
 * The entries main showed as hits lately, with the text their snippets are cut from. As the agent
 * types, consecutive prefixes show mostly the same entries; reading each again (a positioned
 * read and a JSON parse of its whole body when the index was loaded from disk) and stripping its
 * Markdown again (snippetSourceText over up to 24,000 characters) was two thirds of main's time
 * per keystroke with 100,000 entries (CPU profile of the overlay bench's queries, 29 Nov 2026).
 * Bounded by count and by characters held; an entry is dropped when the store changes it, and
 * everything when the index is replaced.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import type { HitSource } from '../../common/search/entry-view';
import { snippetSourceText } from '../../common/templates/snippet-text';

export interface ShownEntryLimits {
  entries: number;
  /** Characters of bodies and snippet texts held together (UTF-16 code units, ~2 bytes each). */
  chars: number;
}

/** 30 hits a keystroke, a few queries' worth; ~8 MB at most. */
const DEFAULT_LIMITS: ShownEntryLimits = { entries: 512, chars: 4_000_000 };

interface Kept {
  entry: KnowledgeEntry;
  source: string | null;
  chars: number;
}

const keyOf = (id: string, locale: string): string => `${locale}\u0000${id}`;

export class ShownEntries implements HitSource {
  /** In use order, oldest first (a Map keeps insertion order; a use re-inserts). */
  private readonly kept = new Map<string, Kept>();
  private chars = 0;

  constructor(
    private readonly read: (id: string, locale: string) => KnowledgeEntry | undefined,
    private readonly limits: ShownEntryLimits = DEFAULT_LIMITS,
  ) {}

  entry(id: string, locale: string): KnowledgeEntry | undefined {
    const key = keyOf(id, locale);
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept.entry;
    }
    const entry = this.read(id, locale);
    if (entry) this.keep(key, { entry, source: null, chars: entry.body.length });
    return entry;
  }

  sourceText(entry: KnowledgeEntry): string {
    const kept = this.kept.get(keyOf(entry.id, entry.locale));
    if (kept?.entry !== entry) return snippetSourceText(entry.kind, entry.body);
    if (kept.source === null) {
      kept.source = snippetSourceText(entry.kind, entry.body);
      kept.chars += kept.source.length;
      this.chars += kept.source.length;
      this.trim();
    }
    return kept.source;
  }

  /** The store changed these entries: they are read again on their next showing. */
  forget(keys: Iterable<{ id: string; locale: string }>): void {
    for (const { id, locale } of keys) this.drop(keyOf(id, locale));
  }

  /** The index was replaced (a rebuild): nothing kept may be stale. */
  clear(): void {
    this.kept.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.kept.size;
  }

  private keep(key: string, kept: Kept): void {
    this.kept.set(key, kept);
    this.chars += kept.chars;
    this.trim();
  }

  private drop(key: string): void {
    const kept = this.kept.get(key);
    if (!kept) return;
    this.kept.delete(key);
    this.chars -= kept.chars;
  }

  private trim(): void {
    for (const key of this.kept.keys()) {
      if (this.kept.size <= this.limits.entries && this.chars <= this.limits.chars) return;
      this.drop(key);
    }
  }
}
