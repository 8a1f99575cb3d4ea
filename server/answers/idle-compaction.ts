/**
 * When an answer index merges the fresh postings its changes left (common/search/merge-postings):
 * at once when a partition needs it now, else after the changes have been quiet for a while (a
 * merge blocks its thread ~50 ms per 10k terms). One rule for the main thread's index and the
 * ranking thread's copy.
 */
import type { CuecardIndex } from '../../common/search/cuecard-index';

const COMPACT_IDLE_MS = 2000;

export class IdleCompaction {
  private timer: NodeJS.Timeout | null = null;

  /** `onError`: a partition past the typo keys' term limit keeps its fresh layer (still searched). */
  constructor(private readonly onError: (error: unknown) => void) {}

  /** Call after applying changes to `index`. */
  schedule(index: CuecardIndex): void {
    const need = index.compactionNeed;
    if (need === 'none') return;
    this.cancel();
    const compact = () => {
      this.timer = null;
      try {
        index.compact();
      } catch (error) {
        this.onError(error);
      }
    };
    if (need === 'now') compact();
    else this.timer = setTimeout(compact, COMPACT_IDLE_MS).unref();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
