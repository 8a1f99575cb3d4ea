/**
 * A partition's plain words as written (`Printer`, `réseau`) → their term ids, looked up from the
 * characters of the text being indexed without cutting the word out of it. Text is Zipfian: a
 * 100k-entry sync indexes tens of millions of tokens but only tens of thousands of distinct
 * words, and each token used to cost a substring, its folding (a Map lookup, FlexSearch's Encoder
 * on a miss) and one or two Map lookups for its id. Here a token that was seen before costs one
 * hash over its characters and one probe.
 *
 * Ids are valid until the partition's terms are renumbered (a merge or a load): the owner calls
 * clear() then. Absent words are not remembered (a lookup-only caller must not pin a miss that a
 * later upsert turns into a term).
 */

/** Slots at start and at most (a power of two each); full at MAX_LOAD of the slots. */
const INITIAL_SLOTS = 1 << 12;
const MAX_SLOTS = 1 << 20;
const MAX_LOAD = 0.5;
/** Longer words are rare and not worth keeping (they fall back to the ordinary lookup). */
export const MAX_CACHED_WORD = 32;

export class WordIds {
  /** Per slot: the word's hash, 1 + its id (0: empty), where its characters start in `chars`, its length. */
  private hashes = new Int32Array(INITIAL_SLOTS);
  private ids = new Int32Array(INITIAL_SLOTS);
  private starts = new Int32Array(INITIAL_SLOTS);
  private lengths = new Uint8Array(INITIAL_SLOTS);
  /** The words' characters, one after the other (typed, so the collector has nothing to trace). */
  private chars = new Uint16Array(INITIAL_SLOTS * 8);
  private used = 0;
  private size = 0;
  /** The slot where the last missed lookup would go (set() stores there), and that word. */
  private freeSlot = -1;
  private freeHash = 0;

  /** The id remembered for `text[start, end)`, or -1 (then set() may store it). */
  get(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.hashes.length - 1;
    const length = end - start;
    const { hashes, ids, starts, lengths, chars } = this;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = ids[slot] as number;
      if (id === 0) {
        this.freeSlot = slot;
        this.freeHash = h;
        return -1;
      }
      if (hashes[slot] === h && lengths[slot] === length && sameChars(chars, starts[slot] as number, text, start, length)) return id - 1;
    }
  }

  /** Remembers the span just missed by get() (`text[start, end)`, at most MAX_CACHED_WORD long) as `id`. */
  set(text: string, start: number, end: number, id: number): void {
    const slot = this.freeSlot;
    if (slot < 0) return;
    this.freeSlot = -1;
    const length = end - start;
    if (this.used + length > this.chars.length) {
      const grown = new Uint16Array(this.chars.length * 2);
      grown.set(this.chars);
      this.chars = grown;
    }
    for (let i = 0; i < length; i += 1) this.chars[this.used + i] = text.charCodeAt(start + i);
    this.hashes[slot] = this.freeHash;
    this.ids[slot] = id + 1;
    this.starts[slot] = this.used;
    this.lengths[slot] = length;
    this.used += length;
    this.size += 1;
    if (this.size >= this.hashes.length * MAX_LOAD) this.grow();
  }

  clear(): void {
    this.hashes = new Int32Array(INITIAL_SLOTS);
    this.ids = new Int32Array(INITIAL_SLOTS);
    this.starts = new Int32Array(INITIAL_SLOTS);
    this.lengths = new Uint8Array(INITIAL_SLOTS);
    this.chars = new Uint16Array(INITIAL_SLOTS * 8);
    this.used = 0;
    this.size = 0;
    this.freeSlot = -1;
  }

  private grow(): void {
    const n = this.hashes.length * 2;
    if (n > MAX_SLOTS) {
      this.clear();
      return;
    }
    const hashes = new Int32Array(n);
    const ids = new Int32Array(n);
    const starts = new Int32Array(n);
    const lengths = new Uint8Array(n);
    const mask = n - 1;
    for (let k = 0; k < this.hashes.length; k += 1) {
      if (this.ids[k] === 0) continue;
      const h = this.hashes[k] as number;
      let slot = h & mask;
      while (ids[slot] !== 0) slot = (slot + 1) & mask;
      hashes[slot] = h;
      ids[slot] = this.ids[k] as number;
      starts[slot] = this.starts[k] as number;
      lengths[slot] = this.lengths[k] as number;
    }
    this.hashes = hashes;
    this.ids = ids;
    this.starts = starts;
    this.lengths = lengths;
  }
}

function sameChars(chars: Uint16Array, at: number, text: string, start: number, length: number): boolean {
  for (let i = 0; i < length; i += 1) if (chars[at + i] !== text.charCodeAt(start + i)) return false;
  return true;
}
