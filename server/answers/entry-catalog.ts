/**
 * The facts of every live entry the answer index holds, without bodies: which locales each id
 * exists in (hreflang alternates, fallback), and per locale the entries tagged as FAQ articles
 * (the help centre's lists and sitemap). Kept beside the engine, which ranks but does not list.
 */
import type { EntryKind } from '../../common/knowledge';
import type { EntryChange } from '../../common/search/types';

export interface CatalogEntry {
  id: string;
  locale: string;
  kind: EntryKind;
  title: string;
  tags: readonly string[];
  version: number;
  approvedAt: string | null;
}

export class EntryCatalog {
  /** id → locale → facts. */
  private readonly byId = new Map<string, Map<string, CatalogEntry>>();
  private readonly localeCounts = new Map<string, number>();

  apply(changes: readonly EntryChange[]): void {
    for (const change of changes) {
      if (change.type === 'upsert') {
        const { id, locale, kind, title, tags, version, approvedAt } = change.entry;
        let variants = this.byId.get(id);
        if (!variants) this.byId.set(id, (variants = new Map()));
        if (!variants.has(locale)) this.localeCounts.set(locale, (this.localeCounts.get(locale) ?? 0) + 1);
        variants.set(locale, { id, locale, kind, title, tags, version, approvedAt });
      } else {
        const variants = this.byId.get(change.id);
        if (!variants?.delete(change.locale)) continue;
        if (variants.size === 0) this.byId.delete(change.id);
        const left = (this.localeCounts.get(change.locale) ?? 1) - 1;
        if (left === 0) this.localeCounts.delete(change.locale);
        else this.localeCounts.set(change.locale, left);
      }
    }
  }

  /** Locales that hold at least one live entry, sorted. */
  locales(): string[] {
    return [...this.localeCounts.keys()].sort();
  }

  get(id: string, locale: string): CatalogEntry | undefined {
    return this.byId.get(id)?.get(locale);
  }

  /** The live variants of `id`, by locale. */
  variants(id: string): CatalogEntry[] {
    return [...(this.byId.get(id)?.values() ?? [])].sort((a, b) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0));
  }

  /** Every live entry matching `keep` (a full scan: the FAQ caches what it builds from it). */
  filter(keep: (entry: CatalogEntry) => boolean): CatalogEntry[] {
    const out: CatalogEntry[] = [];
    for (const variants of this.byId.values()) for (const entry of variants.values()) if (keep(entry)) out.push(entry);
    return out;
  }
}
