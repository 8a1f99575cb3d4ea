/**
 * The server's ranking thread: a copy of the answer index (common/search/) fed the very change-log
 * items the main thread's index applies, which ranks bots' new questions off the main thread
 * (ranking-thread.ts says why). Messages are handled in the order they were posted, so a question
 * is ranked on exactly the items the main thread had applied when it asked.
 */
import { parentPort } from 'node:worker_threads';
import { assertNever } from '../../common/assert-never';
import { CuecardIndex } from '../../common/search/cuecard-index';
import { changesOf, entriesOf } from './change-items';
import { IdleCompaction } from './idle-compaction';
import type { FromRankingThread, ToRankingThread } from './ranking-messages';

const port = parentPort;
if (!port) throw new Error('ranking-worker.ts runs as a worker thread');
const post = (message: FromRankingThread) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let index = new CuecardIndex();
let building: CuecardIndex | null = null;
const compaction = new IdleCompaction((error) => post({ type: 'warning', message: `merging fresh postings failed: ${messageOf(error)}` }));

port.on('message', (message: ToRankingThread) => {
  switch (message.type) {
    case 'begin':
      building = new CuecardIndex();
      return;
    case 'load':
      building?.addMany(entriesOf(changesOf(message.items)));
      return;
    case 'loaded':
      if (building) {
        building.freeze();
        compaction.cancel();
        index.clear();
        index = building;
        building = null;
      }
      post({ type: 'loaded' });
      return;
    case 'apply':
      index.apply(changesOf(message.items));
      compaction.schedule(index);
      return;
    case 'rank':
      try {
        post({ type: 'ranked', id: message.id, hits: index.search(message.query) });
      } catch (error) {
        post({ type: 'failed', id: message.id, message: messageOf(error) });
      }
      return;
    default:
      assertNever(message, 'ranking thread message');
  }
});
post({ type: 'started' });
