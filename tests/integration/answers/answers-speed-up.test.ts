/**
 * Bots' speed-ups (server/answers/answers-speed-up.ts) cost memory and CPU, so a server no bot asks
 * does not start them: at once when a bot token exists at start, else on the first bot question.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../helpers/until';
import { AnswerIndex } from '../../../server/answers/answer-index';
import { AnswerService } from '../../../server/answers/answer-service';
import { AnswersSpeedUp } from '../../../server/answers/answers-speed-up';
import { BodyRenderer } from '../../../server/answers/answer-body';
import { PreparedAnswers } from '../../../server/answers/prepared-answers';
import { createLogger } from '../../../server/logger';
import type { TokenCaller } from '../../../server/db/tokens';
import { article, publishLive, sqliteServer, type TestServer } from '../server/test-server';

const log = createLogger('silent');
const bot: TokenCaller = { name: 'bot', role: 'bot', tags: ['public'] };

describe('bots’ speed-ups', () => {
  let t: TestServer;
  let index: AnswerIndex;
  let prepared: PreparedAnswers;
  let speedUp: AnswersSpeedUp;

  beforeEach(async () => {
    t = await sqliteServer({ rankingThread: false });
    await publishLive(t, {
      entries: [
        article('refund', 'en', { title: 'Refund policy', body: 'Refunds within **14 days**.', tags: ['public'] }),
        article('shipping', 'en', { title: 'Shipping', body: 'We ship in 2 days.', tags: ['public'] }),
      ],
    });
    index = await AnswerIndex.open(t.server.db, { subscribe: () => () => undefined } as never, log);
    prepared = new PreparedAnswers(index, new BodyRenderer());
    speedUp = new AnswersSpeedUp(index, prepared, { thread: true }, log);
  });
  afterEach(async () => {
    await speedUp.close();
    prepared.close();
    index.close();
    await t.close();
  });

  it('start nothing until a bot asks; the first question starts the warm-up and the ranking thread', async () => {
    const service = new AnswerService(index, prepared, speedUp);
    let rebuilt = 0;
    index.onApplied((changes) => (rebuilt += changes === 'all' ? 1 : 0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([prepared.size, speedUp.available]).toEqual([0, false]);
    // Answered at once on the main thread, before anything has started.
    const first = JSON.parse((await service.answers(bot, { q: 'refund', locale: 'en', limit: 5 })).toString());
    expect(first.answers.map((a: { id: string }) => a.id)).toEqual(['refund']);
    await until(() => speedUp.available && prepared.ready);
    // Only the thread's copy was loaded: the main index was not rebuilt, nor the warm-up redone.
    expect([prepared.size, rebuilt]).toEqual([2, 0]);
    // The thread's copy was loaded from the live entries and follows changes from then on.
    await publishLive(t, article('refund-fast', 'en', { title: 'Fast refund', tags: ['public'] }));
    await index.catchUp();
    expect((await speedUp.rank({ query: 'refund', locale: 'en', limit: 5 })).map((h) => h.id).sort()).toEqual(['refund', 'refund-fast']);
  });

  it('starts with the thread handed to the first load (a bot token existed at start): no rebuild after', async () => {
    const thread = await AnswersSpeedUp.threadAtStart({ thread: true }, log);
    const eager = await AnswerIndex.open(t.server.db, { subscribe: () => () => undefined } as never, log, thread);
    const eagerPrepared = new PreparedAnswers(eager, new BodyRenderer());
    const eagerSpeedUp = new AnswersSpeedUp(eager, eagerPrepared, { thread: true }, log);
    try {
      let rebuilt = 0;
      eager.onApplied((changes) => (rebuilt += changes === 'all' ? 1 : 0));
      await eagerSpeedUp.start(thread);
      await until(() => eagerSpeedUp.available && eagerPrepared.ready);
      expect([eagerPrepared.size, rebuilt]).toEqual([2, 0]);
      expect((await eagerSpeedUp.rank({ query: 'shipping', locale: 'en', limit: 5 })).map((h) => h.id)).toEqual(['shipping']);
    } finally {
      await eagerSpeedUp.close();
      eagerPrepared.close();
      eager.close();
    }
  });
});
