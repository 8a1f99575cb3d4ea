/**
 * The entries of one locale partition by dense doc number. Frozen entries live as JSON slices
 * of one buffer (cheap to persist and load, decoded only for the few hits shown); entries
 * added since the last freeze are plain objects. The hot per-doc facts used while scoring
 * (alive, kind) are typed arrays. After a load or save the frozen JSON stays in the
 * index file and is read with one positioned read per hit shown, which keeps the body text out
 * of memory.
 */
import fs from 'node:fs';
import type { KnowledgeEntry } from '../../common/knowledge';

/** Where frozen entries live when they stay on disk: a byte range of the persisted index file. */
export interface BlobFile {
  fd: number;
  offset: number;
  length: number;
}

export const KIND_CODES = { template: 1, article: 2 } as const;
const TITLES_KEPT = 4096;

export class DocTable {
  live = new Uint8Array(64);
  kinds = new Uint8Array(64);
  /** doc → entry id ('' for a free slot). */
  ids: string[] = [];
  readonly docOf = new Map<string, number>();
  liveCount = 0;
  blob: Buffer = Buffer.alloc(0);
  blobFile: BlobFile | null = null;
  blobOffsets = new Float64Array(1);
  readonly fresh = new Map<number, KnowledgeEntry>();
  readonly tagDocs = new Map<string, number[]>();
  /**
   * Titles of frozen entries already read. Ranking reads the best candidates' titles on every
   * keystroke, mostly the same ones as the word grows; a frozen entry otherwise costs a file
   * read and a JSON parse of its whole body. Dropped when the entry changes.
   */
  private readonly titles = new Map<number, string>();

  get capacity(): number {
    return this.ids.length;
  }

  /** The doc number for `id`, allocating one (and growing the arrays) when new. */
  slotFor(id: string): { doc: number; existed: boolean } {
    const known = this.docOf.get(id);
    if (known !== undefined) return { doc: known, existed: true };
    const doc = this.ids.length;
    this.ids.push(id);
    if (doc >= this.live.length) {
      const size = Math.max(64, this.live.length * 2);
      this.live = grow(this.live, new Uint8Array(size));
      this.kinds = grow(this.kinds, new Uint8Array(size));
    }
    this.docOf.set(id, doc);
    return { doc, existed: false };
  }

  put(doc: number, entry: KnowledgeEntry, wasLive: boolean): void {
    if (wasLive) this.untag(doc, this.entry(doc));
    this.titles.delete(doc);
    this.fresh.set(doc, entry);
    if (!this.live[doc]) this.liveCount += 1;
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
    if (this.live[doc]) this.liveCount -= 1;
    this.live[doc] = 0;
    const id = this.ids[doc];
    if (id !== undefined) this.docOf.delete(id);
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
      if (this.titles.size >= TITLES_KEPT) this.titles.clear();
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
  blobBytes(): Buffer {
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
