/**
 * Postings added since the last freeze: one singly linked list per term, newest first, all in
 * typed arrays. A build of 100k entries adds ~15M postings; keeping them as one small JS array
 * per term (the first design) left millions of live objects for the garbage collector to trace
 * on every major GC, which made the build superlinear (108 s at 100k). Here the only objects
 * are four typed arrays, grown by doubling.
 */
export class FreshPostings {
  /** term id → 1 + index of its newest posting (0: none). */
  private head = new Int32Array(256);
  private docs = new Int32Array(1024);
  private vals = new Uint16Array(1024);
  /** posting → 1 + index of the next older posting of the same term (0: end). */
  private next = new Int32Array(1024);
  private added = 0;

  /** Postings added (live or zeroed) since the last clear. */
  get count(): number {
    return this.added;
  }

  /** Makes room for term ids below `terms`. */
  reserveTerms(terms: number): void {
    if (terms <= this.head.length) return;
    const head = new Int32Array(Math.max(terms, this.head.length * 2));
    head.set(this.head);
    this.head = head;
  }

  add(termId: number, doc: number, val: number): void {
    const at = this.added;
    if (at >= this.docs.length) this.grow();
    if (termId >= this.head.length) this.reserveTerms(termId + 1);
    this.docs[at] = doc;
    this.vals[at] = val;
    this.next[at] = this.head[termId] as number;
    this.head[termId] = at + 1;
    this.added = at + 1;
  }

  /** Zeroes `doc`'s live posting under `termId`; false when it has none here. */
  remove(termId: number, doc: number): boolean {
    for (let k = (this.head[termId] as number) - 1; k >= 0; k = (this.next[k] as number) - 1) {
      if (this.docs[k] === doc && this.vals[k] !== 0) {
        this.vals[k] = 0;
        return true;
      }
    }
    return false;
  }

  /** Calls `visit(doc, value)` for each live posting of `termId`, newest first. */
  forEach(termId: number, visit: (doc: number, value: number) => void): void {
    if (termId >= this.head.length) return;
    for (let k = (this.head[termId] as number) - 1; k >= 0; k = (this.next[k] as number) - 1) {
      const v = this.vals[k] as number;
      if (v !== 0) visit(this.docs[k] as number, v);
    }
  }

  has(termId: number): boolean {
    return termId < this.head.length && (this.head[termId] as number) > 0;
  }

  /**
   * Writes the live postings of `termId` oldest first into `docs`/`vals` ending just before
   * `end` (the caller knows how many there are); returns where they start.
   */
  copyTo(termId: number, docs: Int32Array, vals: Uint16Array, end: number): number {
    let at = end;
    for (let k = (this.head[termId] as number) - 1; k >= 0; k = (this.next[k] as number) - 1) {
      const v = this.vals[k] as number;
      if (v === 0) continue;
      at -= 1;
      docs[at] = this.docs[k] as number;
      vals[at] = v;
    }
    return at;
  }

  clear(): void {
    this.head = new Int32Array(256);
    this.docs = new Int32Array(1024);
    this.vals = new Uint16Array(1024);
    this.next = new Int32Array(1024);
    this.added = 0;
  }

  private grow(): void {
    const n = this.docs.length * 2;
    const docs = new Int32Array(n);
    docs.set(this.docs);
    const vals = new Uint16Array(n);
    vals.set(this.vals);
    const next = new Int32Array(n);
    next.set(this.next);
    this.docs = docs;
    this.vals = vals;
    this.next = next;
  }
}
