/**
 * Compact persistence of a CuecardIndex: one file of raw typed-array sections behind a small
 * JSON header that names the store content version the index was built from. Loading maps
 * the sections as views of read buffers (no parsing of postings); a locale's postings are read
 * when it is first used. Written to a temp file and renamed, so a crash mid-write
 * leaves the previous index intact. What the sections hold is the partitions' business
 * (Partition/DocTable serialize() and restore()); this file only lays them out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CuecardIndex } from './cuecard-index';
import { DocTable, type BlobFile } from './doc-table';
import { Partition } from './partition';
import type { Section, SectionReader, SectionValue } from './sections';

/** 004: sections grouped per owner (postings, docs) instead of one list per partition. */
const MAGIC = 'CCIDX004';
export const INDEX_FILE_NAME = 'search-index.bin';

type SectionType = 'utf8' | 'i32' | 'u16' | 'u8' | 'f64';
interface SectionRef {
  name: string;
  type: SectionType;
  offset: number;
  length: number;
}
interface PartitionHeader {
  locale: string;
  liveCount: number;
  /** Terms and postings: read on the locale's first use. */
  postings: SectionRef[];
  /** The doc table: read at load (ids are needed to merge results across locales). */
  docs: SectionRef[];
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

function typeOf(value: SectionValue): SectionType {
  if (typeof value === 'string') return 'utf8';
  if (value instanceof Int32Array) return 'i32';
  if (value instanceof Uint16Array) return 'u16';
  if (value instanceof Uint8Array) return 'u8';
  return 'f64';
}

function bytesOf(value: SectionValue): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

const pad8 = (n: number): number => (8 - (n % 8)) % 8;

/**
 * Freezes the index (merging recent changes) and writes it to `<dir>/search-index.bin`:
 * prefix, JSON header, the index sections, then all entry bytes. Afterwards the index reads
 * its entries from the new file.
 */
export function saveIndex(index: CuecardIndex, dir: string, contentVersion: number): void {
  const images = index.serialize();
  fs.mkdirSync(dir, { recursive: true });
  const chunks: Buffer[] = [];
  let offset = 0;
  const place = (sections: Section[]): SectionRef[] =>
    sections.map(({ name, value }) => {
      const bytes = bytesOf(value);
      const pad = pad8(offset);
      if (pad) chunks.push(Buffer.alloc(pad));
      offset += pad;
      chunks.push(bytes);
      const ref = { name, type: typeOf(value), offset, length: bytes.length };
      offset += bytes.length;
      return ref;
    });
  const header: Header = { contentVersion, indexBytes: 0, partitions: [] };
  let blobOffset = 0;
  for (const image of images) {
    header.partitions.push({
      locale: image.locale,
      liveCount: image.docs.liveCount,
      postings: place(image.postings),
      docs: place(image.docs.sections),
      blob: { offset: blobOffset, length: image.docs.entries.length },
      tagDocs: image.docs.tagDocs,
    });
    blobOffset += image.docs.entries.length;
  }
  const pad = pad8(offset);
  if (pad) chunks.push(Buffer.alloc(pad));
  header.indexBytes = offset + pad;
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, 8);
  const headerPad = Buffer.alloc(pad8(16 + headerBytes.length));
  const base = 16 + headerBytes.length + headerPad.length;
  const file = path.join(dir, INDEX_FILE_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    for (const chunk of [prefix, headerBytes, headerPad, ...chunks, ...images.map((image) => image.docs.entries)]) fs.writeSync(fd, chunk);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  const readFd = fs.openSync(file, 'r');
  const blobArea = base + header.indexBytes;
  index.attachFile(
    readFd,
    header.partitions.map((ph) => ({ fd: readFd, offset: blobArea + ph.blob.offset, length: ph.blob.length })),
  );
}

/**
 * Loads a persisted index, or null when absent, unreadable or from another format. Only the
 * doc tables are read; postings are read per locale on first use, entry bytes per hit shown.
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
    const base = 16 + headerLength + pad8(16 + headerLength);
    const blobBytes = header.partitions.reduce((n, ph) => n + ph.blob.length, 0);
    if (fs.fstatSync(fd).size < base + header.indexBytes + blobBytes) throw new Error('index file truncated');
    const partitions = header.partitions.map((ph) => {
      const entries: BlobFile = { fd, offset: base + header.indexBytes + ph.blob.offset, length: ph.blob.length };
      const docs = DocTable.restore(readSections(fd, base, ph.docs), ph, entries);
      return Partition.restore(ph.locale, docs, () => readSections(fd, base, ph.postings));
    });
    return { index: CuecardIndex.restore(partitions, fd), contentVersion: header.contentVersion };
  } catch {
    fs.closeSync(fd);
    return null; // A damaged index file is simply rebuilt from the store.
  }
}

/** Reads `refs` (contiguous in the file) into one fresh 8-byte aligned buffer and views it. */
function readSections(fd: number, base: number, refs: readonly SectionRef[]): SectionReader {
  const first = refs[0];
  const last = refs[refs.length - 1];
  const start = first?.offset ?? 0;
  const length = last ? last.offset + last.length - start : 0;
  const buf = Buffer.from(new ArrayBuffer(length));
  if (fs.readSync(fd, buf, 0, length, base + start) < length) throw new Error('index file truncated');
  const find = (name: string, type: SectionType): SectionRef => {
    const s = refs.find((x) => x.name === name);
    if (!s) throw new Error(`index section ${name} missing`);
    if (s.type !== type) throw new Error(`index section ${name} is ${s.type}, not ${type}`);
    return s;
  };
  const view = <T>(name: string, type: SectionType, make: (b: ArrayBuffer, at: number, n: number) => T, size: number): T => {
    const s = find(name, type);
    return make(buf.buffer as ArrayBuffer, s.offset - start, s.length / size);
  };
  return {
    i32: (name) => view(name, 'i32', (b, at, n) => new Int32Array(b, at, n), 4),
    u16: (name) => view(name, 'u16', (b, at, n) => new Uint16Array(b, at, n), 2),
    u8: (name) => view(name, 'u8', (b, at, n) => new Uint8Array(b, at, n), 1),
    f64: (name) => view(name, 'f64', (b, at, n) => new Float64Array(b, at, n), 8),
    text: (name) => {
      const s = find(name, 'utf8');
      return buf.toString('utf8', s.offset - start, s.offset - start + s.length);
    },
  };
}
