/**
 * Compact persistence of a CuecardIndex: one file of raw typed-array sections behind a small
 * JSON header that names the store content version the index was built from. Loading maps
 * the sections as views of read buffers (no parsing of postings); a locale's postings are read
 * when it is first used. Written to a temp file and renamed, so a crash mid-write
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
    const blobBytes = header.partitions.reduce((n, ph) => n + ph.blob.length, 0);
    if (fs.fstatSync(fd).size < base + header.indexBytes + blobBytes) throw new Error('index file truncated');
    const index = new CuecardIndex();
    for (const ph of header.partitions) {
      const p = restorePartition(fd, base, ph);
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

/** The bytes of sections `first`..`last` (contiguous), read into a fresh 8-byte aligned buffer. */
function readSections(fd: number, base: number, ph: PartitionHeader, first: string, last: string): Sections {
  const find = (name: string): SectionRef => {
    const s = ph.sections.find((x) => x.name === name);
    if (!s) throw new Error(`index section ${name} missing`);
    return s;
  };
  const start = find(first).offset;
  const length = find(last).offset + find(last).length - start;
  const buf = Buffer.from(new ArrayBuffer(length));
  if (fs.readSync(fd, buf, 0, length, base + start) < length) throw new Error('index file truncated');
  const get = (name: string): SectionRef => {
    const s = find(name);
    return { ...s, offset: s.offset - start };
  };
  const view = <T>(name: string, make: (b: ArrayBuffer, at: number, n: number) => T, size: number): T =>
    make(buf.buffer as ArrayBuffer, get(name).offset, get(name).length / size);
  return {
    i32: (name) => view(name, (b, at, n) => new Int32Array(b, at, n), 4),
    u16: (name) => view(name, (b, at, n) => new Uint16Array(b, at, n), 2),
    u8: (name) => view(name, (b, at, n) => new Uint8Array(b, at, n), 1),
    f64: (name) => view(name, (b, at, n) => new Float64Array(b, at, n), 8),
    text: (name) => buf.toString('utf8', get(name).offset, get(name).offset + get(name).length),
  };
}

interface Sections {
  i32(name: string): Int32Array<ArrayBuffer>;
  u16(name: string): Uint16Array<ArrayBuffer>;
  u8(name: string): Uint8Array<ArrayBuffer>;
  f64(name: string): Float64Array<ArrayBuffer>;
  text(name: string): string;
}

/**
 * The doc table is read at once (ids are needed to merge results across locales); the terms
 * and postings of a locale are read when it is first searched or changed: an agent works in a
 * few of the 41 locales, so start-up reads a fraction of the file and keeps the rest out of memory.
 */
function restorePartition(fd: number, base: number, ph: PartitionHeader): Partition {
  const p = new Partition(ph.locale);
  p.deferLoad(() => {
    const s = readSections(fd, base, ph, 'terms', 'delKeys');
    const termText = s.text('terms');
    p.terms = termText.length ? termText.split('\n') : [];
    p.frozenCount = p.terms.length;
    p.df = s.i32('df');
    p.offsets = s.i32('offsets');
    p.pdocs = s.i32('pdocs');
    p.pvals = s.u16('pvals');
    p.delKeys = s.f64('delKeys');
  });
  const s = readSections(fd, base, ph, 'ids', 'blobOffsets');
  const d = p.docs;
  const idText = s.text('ids');
  d.ids = idText.length ? idText.split('\n') : [];
  d.live = s.u8('live');
  d.kinds = s.u8('kinds');
  d.blobOffsets = s.f64('blobOffsets');
  d.liveCount = ph.liveCount;
  for (let doc = 0; doc < d.ids.length; doc += 1) if (d.live[doc]) d.docOf.set(d.ids[doc] as string, doc);
  for (const [tag, docs] of Object.entries(ph.tagDocs)) d.tagDocs.set(tag, docs);
  return p;
}
