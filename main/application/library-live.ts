/**
 * The Library's live refresh (issue #14): while a Library page is open, what other leads change
 * reaches its list and queue without a click. Two sources, one path:
 * - live changes arrive through the sync's event stream, the one agents use (the store's change
 *   events name the entries: `changed(ids)`);
 * - what agents never see — drafts, submissions, send-backs, flags — is polled cheaply: one
 *   `GET /v1/library/changes?after=<event>` every `pollMs`, answering the entries with history
 *   events since the last one seen (an empty list when nothing moved).
 * The changed entries are read again into the lead's view, then the page is told which
 * (LIBRARY_EVENT_CHANNEL, checked against LibraryEventSchema). Past MAX_NAMED changed entries the
 * whole view is read again once, not entry by entry.
 */
import { LibraryEventSchema, type LibraryEvent } from '../../common/library-contract';
import type { LibraryChanges } from '../../common/library-protocol';
import type { Logger, Timers } from '../core/ports';

/** Changed entries read one by one; more than this and the whole view is read again instead. */
const MAX_NAMED = 50;
/** Between two polls of the server's history while the Library is open. */
export const LIBRARY_POLL_MS = 5_000;

export interface LibraryLiveDeps {
  /** `GET /v1/library/changes` (after undefined: only the newest event). */
  changes(after: number | undefined): Promise<LibraryChanges>;
  /** Reads these entries again into the lead's view, or the whole view for null. */
  reread(ids: readonly string[] | null): Promise<void>;
  /** A Library page is showing (nothing is polled or sent otherwise). */
  isOpen(): boolean;
  send(event: LibraryEvent): void;
  timers: Timers;
  pollMs?: number;
  log: Logger;
}

export class LibraryLive {
  /** The newest history event the view reflects; undefined until a baseline was read. */
  private after: number | undefined;
  private readonly pending = new Set<string>();
  private everything = false;
  private running: Promise<void> | null = null;
  private timer: unknown = null;
  private stopped = true;

  constructor(private readonly deps: LibraryLiveDeps) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The view is about to be read whole: changes from here on are news (read before the view). */
  async baseline(): Promise<void> {
    this.after = (await this.deps.changes(undefined)).latest;
    this.pending.clear();
    this.everything = false;
  }

  /** Entries the sync just changed locally (live versions): read them again now, when the Library is open. */
  changed(ids: Iterable<string>): void {
    if (!this.deps.isOpen() || this.after === undefined) return;
    for (const id of ids) {
      this.pending.add(id);
      if (this.pending.size > MAX_NAMED) break;
    }
    void this.flush();
  }

  /** One poll of the server's history, then the refresh (tests call it; the timer does otherwise). */
  async poll(): Promise<void> {
    if (!this.deps.isOpen() || this.after === undefined) return;
    const news = await this.deps.changes(this.after);
    if (news.ids === null) this.everything = true;
    else for (const id of news.ids) this.pending.add(id);
    this.after = Math.max(this.after, news.latest);
    await this.flush();
  }

  /** Single flight: changes arriving during a refresh wait for the next one. */
  private flush(): Promise<void> {
    if (this.running) return this.running.then(() => this.flush());
    if (!this.everything && this.pending.size === 0) return Promise.resolve();
    const whole = this.everything || this.pending.size > MAX_NAMED;
    const ids = whole ? null : [...this.pending].sort();
    this.pending.clear();
    this.everything = false;
    this.running = this.deps
      .reread(ids)
      .then(() => this.deps.send(LibraryEventSchema.parse({ type: 'changed', ids })))
      .catch((error: unknown) => {
        // Not lost: the next poll or change tries again with everything.
        this.everything = true;
        this.deps.log('could not refresh the Library view', error);
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = null;
      this.poll()
        .catch((error: unknown) => this.deps.log('could not ask the server what changed for the Library', error))
        .finally(() => this.schedule());
    }, this.deps.pollMs ?? LIBRARY_POLL_MS);
  }
}
