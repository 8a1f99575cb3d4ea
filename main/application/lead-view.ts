/**
 * The lead's view held in main for the Library (issue #14): every entry as `GET /v1/library`
 * answers it (open versions included), and a search index over it built by the overlay's engine,
 * so a lead's search ranks as an agent's does. Read from the server page by page; one entry is
 * read again after each change the Library makes.
 */
import type { LibraryRow } from '../../common/library-contract';
import { LibraryPageSchema, type LibraryRecord } from '../../common/library-protocol';
import { entryKey, type KnowledgeEntry } from '../../common/knowledge';
import { isVerificationDue } from '../../common/workflow-rules';
import { CuecardIndex } from '../../common/search/cuecard-index';
import { callServer, type ServerTarget } from '../review/review-client';

/** Entries per page: bodies of the open and the live version ride along (see review-client's answer limit). */
const PAGE_SIZE = 200;

export class LeadView {
  private records = new Map<string, LibraryRecord>();
  private index = new CuecardIndex();
  private loadedAt: string | null = null;

  get loaded(): boolean {
    return this.loadedAt !== null;
  }

  get loadedAtIso(): string | null {
    return this.loadedAt;
  }

  async load(target: ServerTarget, now: Date): Promise<void> {
    const records = new Map<string, LibraryRecord>();
    let cursor: string | null = null;
    do {
      const query: string = `limit=${PAGE_SIZE}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page = await callServer(target, 'GET', `/v1/library?${query}`, undefined, LibraryPageSchema);
      for (const record of page.items) records.set(entryKey(record.id, record.locale), record);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const index = new CuecardIndex();
    index.build([...records.values()].map(asIndexed));
    this.records = records;
    this.index = index;
    this.loadedAt = now.toISOString();
  }

  /** Reads one entry's locales again (after a save or a review action). */
  async reload(target: ServerTarget, id: string): Promise<void> {
    const page = await callServer(target, 'GET', `/v1/library?limit=1000&id=${encodeURIComponent(id)}`, undefined, LibraryPageSchema);
    const fresh = new Map(page.items.map((r) => [entryKey(r.id, r.locale), r]));
    const gone = [...this.records.values()].filter((r) => r.id === id && !fresh.has(entryKey(r.id, r.locale)));
    for (const r of gone) this.records.delete(entryKey(r.id, r.locale));
    for (const [key, record] of fresh) this.records.set(key, record);
    this.index.apply([
      ...gone.map((r) => ({ type: 'remove' as const, id: r.id, locale: r.locale })),
      ...[...fresh.values()].map((r) => ({ type: 'upsert' as const, entry: asIndexed(r) })),
    ]);
  }

  get(id: string, locale: string): LibraryRecord | null {
    return this.records.get(entryKey(id, locale)) ?? null;
  }

  variants(id: string, locale: string): LibraryRecord[] {
    return [...this.records.values()].filter((r) => r.id === id && r.locale !== locale).sort((a, b) => (a.locale < b.locale ? -1 : 1));
  }

  rows(now: Date, unsaved: ReadonlySet<string>): LibraryRow[] {
    return [...this.records.values()].map((r) => ({
      id: r.id,
      locale: r.locale,
      kind: r.kind,
      title: r.title,
      state: r.state,
      version: r.version,
      owner: r.owner,
      author: r.author,
      tags: r.tags,
      updatedAt: r.createdAt,
      verificationDueAt: r.verificationDueAt,
      due: isVerificationDue(r.verificationDueAt, now),
      flagged: r.openFlags > 0,
      stale: r.staleTranslation,
      unsaved: unsaved.has(entryKey(r.id, r.locale)),
    }));
  }

  /**
   * Ranked (id, locale) pairs for a query, every locale searched on its own (the overlay's search
   * answers one locale per id along the agent's chain; a lead sees every variant).
   */
  search(query: string, limit: number): Array<{ id: string; locale: string }> {
    const locales = [...new Set([...this.records.values()].map((r) => r.locale))];
    const hits = locales.flatMap((locale) => this.index.search({ query, locale, fallbackLocales: [], limit }));
    hits.sort((a, b) => b.score - a.score);
    const seen = new Set<string>();
    const out: Array<{ id: string; locale: string }> = [];
    for (const hit of hits) {
      const key = entryKey(hit.id, hit.locale);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: hit.id, locale: hit.locale });
    }
    return out.slice(0, limit);
  }
}

function asIndexed(r: LibraryRecord): KnowledgeEntry {
  return {
    id: r.id,
    locale: r.locale,
    kind: r.kind,
    title: r.title || r.id,
    body: r.body,
    tags: r.tags,
    urlOrPath: r.urlOrPath,
    version: r.version,
    updatedAt: r.createdAt,
    approvedBy: r.approvedBy,
    approvedAt: r.approvedAt,
    reviewState: 'approved',
  };
}
