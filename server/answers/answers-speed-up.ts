/**
 * What makes bots' answers fast — answers prepared ahead (prepared-answers.ts) and new questions
 * ranked on a second thread (ranking-thread.ts) — costs, at 100,000 entries, ~1 GB of memory and
 * ~26 s of CPU after a start (17 s rendering bodies, 9 s building the thread's index copy). A
 * server no bot asks pays none of it: both start at once when a bot token exists at start, else
 * on the first bot question (until then, and until the thread has loaded, questions are ranked and
 * answers prepared on the main thread, as they always can be).
 *
 * Measured on the 2-core bench machine, where the server and an agent share the cores: with both
 * started on every server, the agent's full sync of 100,000 entries took 19.5 s instead of ~16 s,
 * the server rendering and indexing for bots nobody had.
 */
import type { IndexHit, SearchQuery } from '../../common/search/types';
import type { Logger } from '../logger';
import type { AnswerIndex } from './answer-index';
import type { PreparedAnswers } from './prepared-answers';
import { RankingThread } from './ranking-thread';

export interface SpeedUpOptions {
  /** Rank on a second thread (default: when the machine has more than one core). */
  thread: boolean;
}

export class AnswersSpeedUp {
  private thread: RankingThread | null = null;
  private starting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly index: AnswerIndex,
    private readonly prepared: PreparedAnswers,
    private readonly options: SpeedUpOptions,
    private readonly log: Logger,
  ) {}

  /**
   * A ranking thread to hand AnswerIndex.open() when bots exist at start (so the first load feeds
   * it, with no rebuild after); start() then finds it in place.
   */
  static async threadAtStart(options: SpeedUpOptions, log: Logger): Promise<RankingThread | null> {
    if (!options.thread) return null;
    try {
      return await RankingThread.start(log);
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'ranking thread could not start: bots’ questions are ranked on the main thread');
      return null;
    }
  }

  /** Starts both (once); `thread` is the one given to AnswerIndex.open(), if any. */
  start(thread: RankingThread | null = null): Promise<void> {
    this.starting ??= this.begin(thread);
    return this.starting;
  }

  /** True when new questions go to the ranking thread (it has loaded and not failed). */
  get available(): boolean {
    return this.thread?.available ?? false;
  }

  rank(query: SearchQuery): Promise<IndexHit[]> {
    if (!this.thread) return Promise.reject(new Error('no ranking thread'));
    return this.thread.rank(query);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.thread?.close();
  }

  private async begin(given: RankingThread | null): Promise<void> {
    this.prepared.startAhead();
    if (given) {
      this.thread = given;
      return;
    }
    if (!this.options.thread) return;
    try {
      const thread = await RankingThread.start(this.log);
      if (this.closed) {
        await thread.close();
        return;
      }
      this.thread = thread;
      await this.index.attachReplica(thread);
    } catch (error) {
      this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'ranking thread could not start: bots’ questions are ranked on the main thread');
    }
  }
}
