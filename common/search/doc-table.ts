/**
 * The entries of one locale partition by dense doc number. Frozen entries live as JSON slices
 * of one buffer (cheap to persist and load, decoded only for the few hits shown); entries
 * added since the last freeze are plain objects. The hot per-doc facts used while scoring
 * (alive, kind) are typed arrays. After a load or save the frozen JSON stays in the
 * index file and is read with one positioned read per hit shown, which keeps the body text out
 * of memory.
 */
import fs from 'node:fs';
import type { KnowledgeEntry } from '../knowledge';
import type { Section, SectionReader } from './sections';

/** Where frozen entries live when they stay on disk: a byte range of the persisted index file. */
export interface BlobFile {
  fd: number;
  offset: number;
  length: number;
}

export const KIND_CODES = { template: 1, article: 2 } as const;

/** What a DocTable persists: its sections, a few facts for the file header, and the entry bytes. */
export interface DocTableImage {
  sections: Section[];
  liveCount: number;
  tagDocs: Record<string, number[]>;
  entries: Buffer;
}

export class DocTable {
  private live = new Uint8Array(64);
  private kinds = new Uint8Array(64);
  /** doc → entry id ('' for a free slot). */
  private ids: string[] = [];
  private readonly docNumbers = new Map<string, number>();
  private liveTotal = 0;
  private blob: Buffer = Buffer.alloc(0);
  private blobFile: BlobFile | null = null;
  private blobOffsets = new Float64Array(1);
  private readonly fresh = new Map<number, KnowledgeEntry>();
  private readonly tagDocs = new Map<string, number[]>();
  /**
   * Titles of frozen entries: every entry frozen from memory, and those read back from the index
   * file once read. Ranking reads the best candidates' titles on every query (the title-phrase
   * bonus); a frozen entry otherwise costs a file read and a JSON parse of its whole body, ~13% of
   * the server's ranking CPU while titles were kept only up to 4,096 and read lazily (bench:answers
   * profile, 30 Nov 2026). At most one per doc (~5 MB for 100,000 titles); dropped when the entry
   * changes.
   */
  private readonly titles = new Map<number, string>();

  /** Restores a table persisted by serialize(); its entries stay in `entriesFile`. */
  static restore(s: SectionReader, facts: { liveCount: number; tagDocs: Record<string, number[]> }, entriesFile: BlobFile): DocTable {
    const d = new DocTable();
    const idText = s.text('ids');
    d.ids = idText.length ? idText.split('\n') : [];
    d.live = s.u8('live');
    d.kinds = s.u8('kinds');
    d.blobOffsets = s.f64('blobOffsets');
    d.liveTotal = facts.liveCount;
    for (let doc = 0; doc < d.ids.length; doc += 1) if (d.live[doc]) d.docNumbers.set(d.ids[doc] as string, doc);
    for (const [tag, docs] of Object.entries(facts.tagDocs)) d.tagDocs.set(tag, docs);
    d.attachFile(entriesFile);
    return d;
  }

  /** The persisted form (call after freeze(): entries added since are not in it). */
  serialize(): DocTableImage {
    const capacity = this.ids.length;
    return {
      sections: [
        { name: 'ids', value: this.ids.map((id, doc) => (this.live[doc] ? id : '')).join('\n') },
        { name: 'live', value: this.live.subarray(0, capacity) },
        { name: 'kinds', value: this.kinds.subarray(0, capacity) },
        { name: 'blobOffsets', value: this.blobOffsets },
      ],
      liveCount: this.liveTotal,
      tagDocs: Object.fromEntries(this.tagDocs),
      entries: this.blobBytes(),
    };
  }

  /** Doc numbers run from 0 to capacity - 1 (free slots included). */
  get capacity(): number {
    return this.ids.length;
  }

  get liveCount(): number {
    return this.liveTotal;
  }

  docOf(id: string): number | undefined {
    return this.docNumbers.get(id);
  }

  idOf(doc: number): string | undefined {
    return this.ids[doc];
  }

  isLive(doc: number): boolean {
    return this.live[doc] === 1;
  }

  /** KIND_CODES of the doc's entry (0 for a free slot). */
  kindOf(doc: number): number {
    return this.kinds[doc] as number;
  }

  /** Docs whose entry carries `tag`. */
  docsWithTag(tag: string): readonly number[] {
    return this.tagDocs.get(tag) ?? [];
  }

  /** True while frozen entries are read from the index file rather than held in memory. */
  get entriesInFile(): boolean {
    return this.blobFile !== null;
  }

  /** The doc number for `id`, allocating one (and growing the arrays) when new. */
  slotFor(id: string): { doc: number; existed: boolean } {
    const known = this.docNumbers.get(id);
    if (known !== undefined) return { doc: known, existed: true };
    const doc = this.ids.length;
    this.ids.push(id);
    if (doc >= this.live.length) {
      const size = Math.max(64, this.live.length * 2);
      this.live = grow(this.live, new Uint8Array(size));
      this.kinds = grow(this.kinds, new Uint8Array(size));
    }
    this.docNumbers.set(id, doc);
    return { doc, existed: false };
  }

  put(doc: number, entry: KnowledgeEntry, wasLive: boolean): void {
    if (wasLive) this.untag(doc, this.entry(doc));
    this.titles.delete(doc);
    this.fresh.set(doc, entry);
    if (!this.live[doc]) this.liveTotal += 1;
    this.live[doc] = 1;
    this.kinds[doc] = KIND_CODES[entry.kind];
    for (const tag of new Set(entry.tags)) {
      const list = this.tagDocs.get(tag);
      if (list) list.push(doc);
      else this.tagDocs.set(tag, [doc]);
    }
  }

  drop(doc: number): void {
    const entry = this.entry(doc);
    if (entry) this.untag(doc, entry);
    this.fresh.delete(doc);
    this.titles.delete(doc);
    if (this.live[doc]) this.liveTotal -= 1;
    this.live[doc] = 0;
    const id = this.ids[doc];
    if (id !== undefined) this.docNumbers.delete(id);
  }

  entry(doc: number): KnowledgeEntry | undefined {
    if (!this.live[doc]) return undefined;
    const fresh = this.fresh.get(doc);
    if (fresh) return fresh;
    const start = this.blobOffsets[doc];
    const end = this.blobOffsets[doc + 1];
    if (start === undefined || end === undefined || end <= start) return undefined;
    return JSON.parse(this.bytes(start, end).toString('utf8')) as KnowledgeEntry;
  }

  title(doc: number): string | undefined {
    if (!this.live[doc]) return undefined;
    const fresh = this.fresh.get(doc);
    if (fresh) return fresh.title;
    let title = this.titles.get(doc);
    if (title === undefined) {
      title = this.entry(doc)?.title;
      if (title === undefined) return undefined;
      this.titles.set(doc, title);
    }
    return title;
  }

  private bytes(start: number, end: number): Buffer {
    if (!this.blobFile) return this.blob.subarray(start, end);
    const out = Buffer.allocUnsafe(end - start);
    fs.readSync(this.blobFile.fd, out, 0, end - start, this.blobFile.offset + start);
    return out;
  }

  /** All frozen entry bytes (for writing them to a new index file). */
  private blobBytes(): Buffer {
    const total = this.blobFile ? this.blobFile.length : this.blob.length;
    return this.bytes(0, total);
  }

  /** Frozen entries now live in `file` (just written or loaded): drop the in-memory copy. */
  attachFile(file: BlobFile): void {
    this.blobFile = file;
    this.blob = Buffer.alloc(0);
  }

  /** Moves fresh entries into the buffer (before persisting). */
  freeze(): void {
    if (this.fresh.size === 0 && this.blobOffsets.length === this.ids.length + 1) return;
    if (this.blobFile) {
      this.blob = this.bytes(0, this.blobFile.length);
      this.blobFile = null;
    }
    // One buffer written in place: 100k small Buffers plus a concat cost more than the JSON itself.
    const json: Array<string | null> = new Array<string | null>(this.ids.length).fill(null);
    const offsets = new Float64Array(this.ids.length + 1);
    let at = 0;
    for (let doc = 0; doc < this.ids.length; doc += 1) {
      offsets[doc] = at;
      if (!this.live[doc]) continue;
      const fresh = this.fresh.get(doc);
      if (fresh) {
        this.titles.set(doc, fresh.title);
        const text = JSON.stringify(fresh);
        json[doc] = text;
        at += Buffer.byteLength(text, 'utf8');
      } else {
        at += (this.blobOffsets[doc + 1] as number) - (this.blobOffsets[doc] as number);
      }
    }
    offsets[this.ids.length] = at;
    const blob = Buffer.allocUnsafe(at);
    for (let doc = 0; doc < this.ids.length; doc += 1) {
      if (!this.live[doc]) continue;
      const text = json[doc];
      if (text !== null && text !== undefined) blob.write(text, offsets[doc] as number, 'utf8');
      else this.blob.copy(blob, offsets[doc] as number, this.blobOffsets[doc] as number, this.blobOffsets[doc + 1] as number);
    }
    this.blob = blob;
    this.blobOffsets = offsets;
    this.fresh.clear();
  }

  private untag(doc: number, entry: KnowledgeEntry | undefined): void {
    if (!entry) return;
    for (const tag of new Set(entry.tags)) {
      const list = this.tagDocs.get(tag);
      if (!list) continue;
      const at = list.indexOf(doc);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.tagDocs.delete(tag);
    }
  }
}

function grow<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
