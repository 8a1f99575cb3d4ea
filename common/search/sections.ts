/**
 * The persisted form of an index part: named sections of raw bytes. The part that owns the
 * arrays (Partition, DocTable) names and reads its sections; persist.ts only lays them out in
 * the file and hands back views of what it read, so the file format knows no array by name.
 */
export type SectionValue = string | Int32Array | Uint16Array | Uint8Array | Float64Array;

export interface Section {
  name: string;
  value: SectionValue;
}

/** Views of sections read back from a file (no copy, no parse beyond UTF-8 for text). */
export interface SectionReader {
  i32(name: string): Int32Array<ArrayBuffer>;
  u16(name: string): Uint16Array<ArrayBuffer>;
  u8(name: string): Uint8Array<ArrayBuffer>;
  f64(name: string): Float64Array<ArrayBuffer>;
  text(name: string): string;
}
