/**
 * Pages that came inside `change` events (common/sync-protocol.ts, PokeSchema), kept until the
 * engine can apply them. They are applied only as a continuation of the cursor: the first page
 * must start at the cursor and each next one where the previous ended, and every page passes the
 * same check as a pulled one (verify-page.ts) against the position it continues. Anything else
 * (a page past a gap, one from another epoch, one the check refuses) is dropped and the engine
 * pulls instead, so order and gaplessness are the pull's, and so is what a hostile page can do.
 *
 * Contiguous pages are merged into one: one transaction and one index update for a burst of
 * events that arrived while the previous apply ran.
 */
import { messageOf } from './http';
import type { PageScreen, PageSink, SyncPosition } from './puller';
import type { SyncTracer } from './sync-engine-deps';
import { verifyPage, type VerifiedPage } from './verify-page';

/** Pages held at most; past it the oldest are dropped (the engine pulls what they covered). */
const MAX_HELD = 64;

interface Held {
  after: number;
  nextCursor: number;
  raw: unknown;
}

export interface TakenPages {
  /** The held pages that continue the position, checked and merged; null when none does. */
  page: VerifiedPage | null;
  /** Why a page that continued the position was refused (it is dropped, with the ones after it). */
  refused: string | null;
}

/** The page's cursors when it has numeric ones (checked properly by verifyPage when applied). */
function cursorsOf(raw: unknown): { after: number; nextCursor: number } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { after, nextCursor } = raw as { after?: unknown; nextCursor?: unknown };
  if (!Number.isSafeInteger(after) || !Number.isSafeInteger(nextCursor)) return null;
  return { after: after as number, nextCursor: nextCursor as number };
}

export class InlinePages {
  private held: Held[] = [];

  get size(): number {
    return this.held.length;
  }

  /** Keeps a page from an event. Returns false when it is not one (the engine then pulls). */
  add(raw: unknown): boolean {
    const cursors = cursorsOf(raw);
    if (!cursors || cursors.nextCursor <= cursors.after) return false;
    this.held.push({ ...cursors, raw });
    if (this.held.length > MAX_HELD) this.held.splice(0, this.held.length - MAX_HELD);
    return true;
  }

  clear(): void {
    this.held = [];
  }

  /**
   * Takes the pages that continue `position` and commits them through `sink` (with the cursor
   * after them). Returns the page committed, or null: none continued it, or it failed (logged;
   * the held pages are dropped and the engine pulls).
   */
  async apply(
    position: SyncPosition,
    sink: PageSink,
    deps: { log(line: string): void; trace?: SyncTracer; screen?: PageScreen },
  ): Promise<VerifiedPage | null> {
    if (this.held.length === 0) return null;
    const { page: checked, refused } = this.take(position);
    if (refused) deps.log(`refused the changes an event carried (${refused}); pulling them instead`);
    if (!checked) return null;
    // Signed knowledge (issue #15): the same screen as a pulled page. An entry it refuses may be
    // signed by a key the held key list does not know yet: the pull refreshes the list first
    // (PageScreen.prepare), so such a page is left to it rather than skipped here.
    const page = deps.screen ? await deps.screen.screen(checked).settle() : checked;
    if (page.skipped.length > checked.skipped.length) {
      deps.log('an entry the changes of an event carried is not vouched for by the org key list held; pulling them instead');
      this.clear();
      return null;
    }
    const started = performance.now();
    try {
      await sink(page);
    } catch (error) {
      deps.log(`could not apply the changes an event carried (${messageOf(error)}); pulling them instead`);
      this.clear();
      return null;
    }
    deps.trace?.phase('inline-apply', performance.now() - started);
    return page;
  }

  /**
   * Takes the pages that continue `position`, checked against it one after the other and merged.
   * Pages the position is already past are dropped; pages after a gap stay (a pull fills the gap,
   * then they are dropped as passed).
   */
  private take(position: SyncPosition): TakenPages {
    this.held = this.held.filter((h) => h.nextCursor > position.cursor);
    const checked: VerifiedPage[] = [];
    let cursor = position.cursor;
    let refused: string | null = null;
    while (this.held.length > 0) {
      const next = this.held.findIndex((h) => h.after === cursor);
      if (next < 0) break;
      const [held] = this.held.splice(next, 1) as [Held];
      try {
        const page = verifyPage(held.raw, { after: cursor, epoch: position.epoch });
        // Only a continuation of the same log: a new epoch is the pull's (a resync from scratch).
        if (position.epoch === null || page.epoch !== position.epoch) throw new Error('the page is from another change log');
        checked.push(page);
        cursor = page.nextCursor;
      } catch (error) {
        refused = error instanceof Error ? error.message : String(error);
        this.held = [];
        break;
      }
    }
    return { page: mergePages(checked), refused };
  }
}

/** Consecutive checked pages as one (later changes of an entry still win: see finalChanges). */
function mergePages(pages: readonly VerifiedPage[]): VerifiedPage | null {
  const first = pages[0];
  const last = pages[pages.length - 1];
  if (!first || !last) return null;
  if (pages.length === 1) return first;
  return {
    epoch: first.epoch,
    after: first.after,
    latestSeq: Math.max(...pages.map((p) => p.latestSeq)),
    items: pages.flatMap((p) => p.items),
    skipped: pages.flatMap((p) => p.skipped),
    nextCursor: last.nextCursor,
    hasMore: last.hasMore,
  };
}
