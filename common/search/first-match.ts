/**
 * Where a text's first matched word stands, for the snippet window (entry-view.ts), without
 * scanning the text again on every search. Scanning up to 20,000 characters per shown hit
 * (tokenizing and folding each word until the first match) was 12–17 % of main's search time
 * in a profile of the overlay bench (issue #19), and as the agent types the same entries are
 * shown again and again. So each text's distinct terms are kept, each with the range of its first
 * token, read as far as queries needed; the earliest first token among the terms a query matches
 * is its first match: exactly the token the scan would stop at. Texts are kept in an LRU bounded
 * by count and bytes.
 */
import type { Range } from '../ipc-contract';
import type { Matcher } from './highlight';
import { scanTokens } from './text';

/**
 * A text's distinct terms, numbered in the order of their first token, read as far as a query
 * needed: a text is tokenized in chunks ending at a space or control character (never inside a
 * word, so a chunk's tokens are the whole text's), the first chunk small, each next one as long
 * as all before, and only until a query's first match is found. So the first query costs about
 * what the scan it replaces cost, and the next ones look up what was read.
 */
export class TermOffsets {
  /** term → its number (the order of its first token). */
  private readonly order = new Map<string, number>();
  /** Per number: the term and its first token's [start, end). */
  private readonly terms: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** The text is tokenized up to here (0, a chunk boundary or its length). */
  private scanned = 0;
  private termChars = 0;

  constructor(private readonly text: string) {}

  /** Rough bytes held besides the text: ~2 a character of the terms, ~64 of map entry, array slots and string header a term. */
  get bytes(): number {
    return 2 * this.termChars + 64 * this.terms.length;
  }

  /** [start, end) of the first token matched by `m`, or null: the token a left-to-right scan stops at. */
  first(m: Matcher): Range | null {
    let n = this.firstRead(m);
    while (n < 0 && this.scanned < this.text.length) {
      const from = this.terms.length;
      this.readChunk();
      n = this.firstInOrder(m, from, this.terms.length);
    }
    return n < 0 ? null : [this.starts[n] as number, this.ends[n] as number];
  }

  /** The first match among the terms read so far, or -1. */
  private firstRead(m: Matcher): number {
    const count = this.terms.length;
    const early = this.firstInOrder(m, 0, Math.min(IN_ORDER, count));
    // Many query terms (a short prefix's completions, typos): walking the text's terms is cheaper.
    if (early >= 0 || count <= IN_ORDER || m.terms.size > count) return early >= 0 ? early : this.firstInOrder(m, IN_ORDER, count);
    let best = count;
    for (const term of m.terms) {
      const n = this.order.get(term);
      if (n !== undefined && n < best) best = n;
    }
    // A prefix can only win before the best term: walk that far with the prefixes alone.
    if (m.prefixes.length > 0) {
      for (let n = IN_ORDER; n < best; n += 1) {
        const term = this.terms[n] as string;
        for (const prefix of m.prefixes) if (term.startsWith(prefix)) return n;
      }
    }
    return best < count ? best : -1;
  }

  /** The first of terms [from, to) that `m` matches, or -1. */
  private firstInOrder(m: Matcher, from: number, to: number): number {
    for (let n = from; n < to; n += 1) {
      const term = this.terms[n] as string;
      if (m.terms.has(term)) return n;
      for (const prefix of m.prefixes) if (term.startsWith(prefix)) return n;
    }
    return -1;
  }

  private readChunk(): void {
    const text = this.text;
    let end = this.scanned + Math.max(FIRST_CHUNK, this.scanned);
    // A character at or below U+0020 is never part of a word (nor a hyphen joining two).
    while (end < text.length && text.charCodeAt(end) > 0x20) end += 1;
    if (end > text.length) end = text.length;
    const offset = this.scanned;
    scanTokens(offset === 0 && end === text.length ? text : text.slice(offset, end), true, (term, s, e) => {
      if (this.order.has(term)) return false;
      this.order.set(term, this.terms.length);
      this.terms.push(term);
      this.starts.push(offset + s);
      this.ends.push(offset + e);
      this.termChars += term.length;
      return false;
    });
    this.scanned = end;
  }
}

/** Characters of a text's first chunk (a snippet's window is 160; most first matches are early). */
const FIRST_CHUNK = 1024;

/**
 * The text's first terms tried in order before looking the query's terms up: the first match is
 * usually early, and the query's Set is hot where each text's Map is not. Gnome-help's hits for
 * every prefix of the eval's queries, µs a search (loaded machine, noisy): walking 0 / 16 / 64 /
 * 256 / all terms first 92 / 76 / 72 / 67 / 69; 64 keeps the walk short for long texts without a match.
 */
const IN_ORDER = 64;

export interface FirstMatchLimits {
  texts: number;
  /** Bytes held: the texts' own (2 a character; the cache keeps them alive) and their offsets. */
  bytes: number;
}

/**
 * Term offsets of the texts searched lately, keyed by the text itself: a changed entry is a
 * different text, so nothing kept can be stale, and callers need no ids (main's overlay and the
 * server's answers alike). A text kept by its caller is the same string each time, whose hash V8
 * keeps; an equal copy costs one hash and one comparison, still far less than tokenizing it.
 */
export class FirstMatchCache {
  /** In use order, oldest first (a use re-inserts). */
  private readonly kept = new Map<string, TermOffsets>();
  private bytes = 0;

  /** Each text is looked at up to `scanLength` characters (the key is the whole text). */
  constructor(
    private readonly scanLength: number,
    private readonly limits: FirstMatchLimits = { texts: 2048, bytes: 16_000_000 },
  ) {}

  /** [start, end) of the first word of `text` matched by `m`, within its first `scanLength` characters. */
  first(text: string, m: Matcher): Range | null {
    const scanLength = this.scanLength;
    if (m.terms.size === 0 && m.prefixes.length === 0) return null;
    let offsets = this.kept.get(text);
    if (offsets) {
      this.kept.delete(text);
    } else {
      offsets = new TermOffsets(text.length > scanLength ? text.slice(0, scanLength) : text);
      this.bytes += 2 * text.length;
    }
    const held = offsets.bytes;
    const found = offsets.first(m);
    this.bytes += offsets.bytes - held;
    this.kept.set(text, offsets);
    this.trim();
    return found;
  }

  get size(): number {
    return this.kept.size;
  }

  private trim(): void {
    for (const [text, offsets] of this.kept) {
      if (this.kept.size <= this.limits.texts && this.bytes <= this.limits.bytes) return;
      this.kept.delete(text);
      this.bytes -= 2 * text.length + offsets.bytes;
    }
  }
}
