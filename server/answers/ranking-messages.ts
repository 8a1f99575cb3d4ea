/** What the main thread and the ranking thread (ranking-worker.ts, ranking-thread.ts) say to each other. */
import type { IndexHit, SearchQuery } from '../../common/search/types';

export type ToRankingThread =
  /** A full load starts: the items of every live entry follow, then `loaded`. */
  | { type: 'begin' }
  | { type: 'load'; items: string[] }
  | { type: 'loaded' }
  /** Change-log items applied after the load, in order. */
  | { type: 'apply'; items: string[] }
  | { type: 'rank'; id: number; query: SearchQuery };

export type FromRankingThread =
  | { type: 'started' }
  | { type: 'loaded' }
  | { type: 'ranked'; id: number; hits: IndexHit[] }
  | { type: 'failed'; id: number; message: string }
  /** Merging postings failed (the copy keeps its fresh layer, still searched). */
  | { type: 'warning'; message: string };
