/**
 * Compact persistence of a CuecardIndex: one file of raw typed-array sections behind a small
 * JSON header that names the store content version the index was built from. Loading maps
 * the sections as views of the file buffer (no parsing of postings), so a 100k-entry index
 * loads in well under a second. Written to a temp file and renamed, so a crash mid-write
 * leaves the previous index intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CuecardIndex } from './cuecard-index';
import { Partition } from './partition';

const MAGIC = 'CCIDX003';
export const INDEX_FILE_NAME = 'search-index.bin';

type SectionType = 'utf8' | 'i32' | 'u16' | 'u8' | 'f64' | 'bytes';
interface SectionRef {
  name: string;
  type: SectionType;
  offset: number;
  length: number;
}
interface PartitionHeader {
  locale: string;
  liveCount: number;
  sections: SectionRef[];
  /** Entry bytes, relative to the blob area after the index sections. */
  blob: { offset: number; length: number };
  tagDocs: Record<string, number[]>;
}
interface Header {
  contentVersion: number;
  indexBytes: number;
  partitions: PartitionHeader[];
}

export interface LoadedIndex {
  index: CuecardIndex;
  contentVersion: number;
}

function bytesOf(value: string | ArrayBufferView): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Freezes the index (merging recent changes) and writes it to `<dir>/search-index.bin`:
 * prefix, JSON header, the index sections, then all entry bytes. Afterwards the index reads
 * its entries from the new file.
 */
export function saveIndex(index: CuecardIndex, dir: string, contentVersion: number): void {
  index.freeze();
  fs.mkdirSync(dir, { recursive: true });
  const chunks: Buffer[] = [];
  let offset = 0;
  const add = (name: string, type: SectionType, value: string | ArrayBufferView, list: SectionRef[]): void => {
    const bytes = bytesOf(value);
    const pad = (8 - (offset % 8)) % 8;
    if (pad) chunks.push(Buffer.alloc(pad));
    offset += pad;
    list.push({ name, type, offset, length: bytes.length });
    chunks.push(bytes);
    offset += bytes.length;
  };
  const header: Header = { contentVersion, indexBytes: 0, partitions: [] };
  const blobs: Buffer[] = [];
  let blobOffset = 0;
  for (const p of index.partitions.values()) {
    const d = p.docs;
    const sections: SectionRef[] = [];
    add('terms', 'utf8', p.terms.join('\n'), sections);
    add('df', 'i32', p.df.subarray(0, p.frozenCount), sections);
    add('offsets', 'i32', p.offsets, sections);
    add('pdocs', 'i32', p.pdocs, sections);
    add('pvals', 'u16', p.pvals, sections);
    add('delKeys', 'f64', p.delKeys, sections);
    add('ids', 'utf8', d.ids.map((id, doc) => (d.live[doc] ? id : '')).join('\n'), sections);
    add('live', 'u8', d.live.subarray(0, d.capacity), sections);
    add('kinds', 'u8', d.kinds.subarray(0, d.capacity), sections);
    add('blobOffsets', 'f64', d.blobOffsets, sections);
    const blob = d.blobBytes();
    blobs.push(blob);
    header.partitions.push({
      locale: p.locale,
      liveCount: d.liveCount,
      sections,
      blob: { offset: blobOffset, length: blob.length },
      tagDocs: Object.fromEntries(d.tagDocs),
    });
    blobOffset += blob.length;
  }
  const pad = (8 - (offset % 8)) % 8;
  if (pad) chunks.push(Buffer.alloc(pad));
  header.indexBytes = offset + pad;
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, 8);
  const headerPad = Buffer.alloc((8 - ((16 + headerBytes.length) % 8)) % 8);
  const base = 16 + headerBytes.length + headerPad.length;
  const file = path.join(dir, INDEX_FILE_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    for (const chunk of [prefix, headerBytes, headerPad, ...chunks, ...blobs]) fs.writeSync(fd, chunk);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  const readFd = fs.openSync(file, 'r');
  const blobArea = base + header.indexBytes;
  [...index.partitions.values()].forEach((p, i) => {
    const blob = header.partitions[i]?.blob ?? { offset: 0, length: 0 };
    p.docs.attachFile({ fd: readFd, offset: blobArea + blob.offset, length: blob.length });
  });
  index.releaseFile();
  index.fileDescriptor = readFd;
  index.markClean();
}

/**
 * Loads a persisted index, or null when absent, unreadable or from another format. Only the
 * index sections are read; entry bytes stay in the file (read per hit shown).
 */
export function loadIndex(dir: string): LoadedIndex | null {
  const file = path.join(dir, INDEX_FILE_NAME);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const prefix = Buffer.alloc(16);
    if (fs.readSync(fd, prefix, 0, 16, 0) < 16 || prefix.toString('latin1', 0, 8) !== MAGIC) throw new Error('not an index');
    const headerLength = prefix.readUInt32LE(8);
    const headerBytes = Buffer.alloc(headerLength);
    fs.readSync(fd, headerBytes, 0, headerLength, 16);
    const header = JSON.parse(headerBytes.toString('utf8')) as Header;
    const base = 16 + headerLength + ((8 - ((16 + headerLength) % 8)) % 8);
    // A fresh ArrayBuffer is 8-byte aligned, as the typed-array views need.
    const buf = Buffer.from(new ArrayBuffer(header.indexBytes));
    if (fs.readSync(fd, buf, 0, header.indexBytes, base) < header.indexBytes) throw new Error('index file truncated');
    const index = new CuecardIndex();
    for (const ph of header.partitions) {
      const p = restorePartition(buf, ph, index);
      p.docs.attachFile({ fd, offset: base + header.indexBytes + ph.blob.offset, length: ph.blob.length });
      index.partitions.set(ph.locale, p);
    }
    index.fileDescriptor = fd;
    index.markClean();
    return { index, contentVersion: header.contentVersion };
  } catch {
    fs.closeSync(fd);
    return null; // A damaged index file is simply rebuilt from the store.
  }
}

function restorePartition(buf: Buffer, ph: PartitionHeader, index: CuecardIndex): Partition {
  const get = (name: string): SectionRef => {
    const s = ph.sections.find((x) => x.name === name);
    if (!s) throw new Error(`index section ${name} missing`);
    return s;
  };
  const at = (name: string): number => buf.byteOffset + get(name).offset;
  const i32 = (name: string) => new Int32Array(buf.buffer as ArrayBuffer, at(name), get(name).length / 4);
  const u16 = (name: string) => new Uint16Array(buf.buffer as ArrayBuffer, at(name), get(name).length / 2);
  const u8 = (name: string) => new Uint8Array(buf.buffer as ArrayBuffer, at(name), get(name).length);
  const f64 = (name: string) => new Float64Array(buf.buffer as ArrayBuffer, at(name), get(name).length / 8);
  const text = (name: string) => buf.toString('utf8', get(name).offset, get(name).offset + get(name).length);

  const p = new Partition(ph.locale);
  const termText = text('terms');
  p.terms = termText.length ? termText.split('\n') : [];
  p.frozenCount = p.terms.length;
  p.df = i32('df');
  p.offsets = i32('offsets');
  p.pdocs = i32('pdocs');
  p.pvals = u16('pvals');
  p.delKeys = f64('delKeys');
  const d = p.docs;
  const idText = text('ids');
  d.ids = idText.length ? idText.split('\n') : [];
  d.live = u8('live');
  d.kinds = u8('kinds');
  d.groups = new Int32Array(Math.max(64, d.ids.length));
  d.blobOffsets = f64('blobOffsets');
  d.liveCount = ph.liveCount;
  d.ids.forEach((id, doc) => {
    if (!d.live[doc]) return;
    d.docOf.set(id, doc);
    d.groups[doc] = index.groupFor(id);
  });
  for (const [tag, docs] of Object.entries(ph.tagDocs)) d.tagDocs.set(tag, docs);
  return p;
}
