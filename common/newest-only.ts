/**
 * Requests as you type, newest first (issue #19): at most one request is in flight; inputs that
 * arrive meanwhile replace each other, and only the newest is sent once the flight lands. An
 * answer is delivered only while its input is still the newest, so a slow answer for an older
 * input is never shown over a newer one, and a burst of keystrokes costs main one search, not
 * one per key queued behind each other. Used by the overlay's search (renderer/src/hooks/useSearch.ts).
 */
export class NewestOnly<I, O> {
  private inFlight = false;
  private waiting: { key: string; input: I } | null = null;
  private newest: string | null = null;

  constructor(
    /** Sends one request; a rejection counts as no answer. */
    private readonly send: (input: I) => Promise<O>,
    private readonly deliver: (input: I, output: O) => void,
  ) {}

  /**
   * Asks for `input`, known by `key` (equal keys, equal answers): nothing happens when it is
   * already the newest input asked for.
   */
  request(key: string, input: I): void {
    if (key === this.newest) return;
    this.newest = key;
    if (this.inFlight) this.waiting = { key, input };
    else this.fly(key, input);
  }

  /** Nothing asked so far is delivered any more (the asker is gone). */
  cancel(): void {
    this.newest = null;
    this.waiting = null;
  }

  private fly(key: string, input: I): void {
    this.inFlight = true;
    const landed = (output: { value: O } | null) => {
      this.inFlight = false;
      const next = this.waiting;
      this.waiting = null;
      if (next) this.fly(next.key, next.input);
      if (output && key === this.newest) this.deliver(input, output.value);
    };
    this.send(input).then(
      (value) => landed({ value }),
      () => landed(null),
    );
  }
}
