/**
 * The ranking thread (server/answers/ranking-thread.ts): its copy of the answer index ranks as the
 * main thread's does, follows every change in order (a question asked right after a catch-up sees
 * it, with no wait), and when the thread is gone questions are ranked on the main thread.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../helpers/until';
import type { SearchQuery } from '../../../common/search/types';
import { AnswerIndex } from '../../../server/answers/answer-index';
import { AnswerService } from '../../../server/answers/answer-service';
import { BodyRenderer } from '../../../server/answers/answer-body';
import { PreparedAnswers } from '../../../server/answers/prepared-answers';
import { RankingThread } from '../../../server/answers/ranking-thread';
import { createLogger } from '../../../server/logger';
import type { TokenCaller } from '../../../server/db/tokens';
import { api, article, publishLive, sqliteServer, type TestServer } from '../server/test-server';

const log = createLogger('silent');

const QUESTIONS: SearchQuery[] = [
  { query: 'refund', locale: 'en', fallbackLocales: ['en'], limit: 5, anyTags: ['public'] },
  { query: 'remboursement rapide', locale: 'fr', fallbackLocales: ['en'], limit: 5, anyTags: ['public'] },
  { query: 'shiping', locale: 'en', fallbackLocales: ['en'], limit: 5 },
  { query: 'refund', locale: 'pt-BR', fallbackLocales: ['en'], limit: 5 },
  { query: 'the', locale: 'en', fallbackLocales: ['en'], limit: 2, kind: 'template' },
];

describe('the ranking thread', () => {
  let t: TestServer;
  let thread: RankingThread;
  let index: AnswerIndex;

  beforeEach(async () => {
    t = await sqliteServer({ rankingThread: false });
    const published = await publishLive(t, {
      entries: [
        article('refund', 'en', { title: 'Refund policy', body: 'Refunds are paid within 14 days of the return.', tags: ['public'] }),
        article('refund', 'fr', { title: 'Remboursement', body: 'Remboursement rapide sous 14 jours.', tags: ['public'] }),
        article('refund-late', 'en', { title: 'Late refund', body: 'When the refund is late, escalate.', tags: ['internal'] }),
        article('shipping', 'en', { title: 'Shipping times', body: 'We ship in 2 days.', tags: ['public'] }),
        { id: 'thanks', locale: 'en', kind: 'template', title: 'Thanks for the refund request', body: 'Thanks {{ name }}', tags: ['public'] },
      ],
    });
    expect(published.status).toBe(200);
    thread = await RankingThread.start(log);
    // A second index over the server's database, feeding the thread (as server.ts wires it).
    index = await AnswerIndex.open(t.server.db, { subscribe: () => () => undefined } as never, log, thread);
    await until(() => thread.available);
  });
  afterEach(async () => {
    index.close();
    await thread.close();
    await t.close();
  });

  it('ranks every question exactly as the main thread’s index does', async () => {
    for (const question of QUESTIONS) expect(await thread.rank(question)).toEqual(index.search(question));
    expect((await thread.rank(QUESTIONS[0] as SearchQuery)).map((h) => h.id)).toEqual(['refund', 'thanks']);
  });

  it('sees a change as soon as the main index applied it: the question is queued behind it', async () => {
    await publishLive(t, article('refund-fast', 'en', { title: 'Fast refund', body: 'Refunds in a day.', tags: ['public'] }));
    expect((await api(t.url, t.tokens.lead, 'DELETE', '/v1/entries/shipping?locale=en')).status).toBe(200);
    await index.catchUp();
    const asked = QUESTIONS[0] as SearchQuery;
    expect((await thread.rank(asked)).map((h) => h.id).sort()).toEqual(['refund', 'refund-fast', 'thanks']);
    for (const question of QUESTIONS) expect(await thread.rank(question)).toEqual(index.search(question));
    expect(await thread.rank({ ...asked, query: 'shipping' })).toEqual([]);
  });

  it('keeps a repeated question’s reply whole until the index changes', async () => {
    const service = new AnswerService(index, new PreparedAnswers(index, new BodyRenderer()), thread);
    const caller: TokenCaller = { name: 'bot', role: 'bot', tags: ['public'] };
    const ask = () => service.answers(caller, { q: 'refund', locale: 'en', limit: 5 });
    const first = await ask();
    const second = await ask();
    expect(second).not.toBe(first); // written twice before it is kept
    expect(await ask()).toBe(second);
    expect(second.equals(first)).toBe(true);
    await publishLive(t, article('refund', 'en', { title: 'Refund policy', body: 'Refunds in 7 days.', tags: ['public'] }));
    await index.catchUp();
    const changed = JSON.parse((await ask()).toString());
    expect(changed.seq).toBe(index.seq);
    expect(changed.answers.find((a: { id: string }) => a.id === 'refund')).toMatchObject({ version: 2, text: 'Refunds in 7 days.' });
  });

  it('once the thread is gone, questions are ranked on the main thread', async () => {
    const prepared = new PreparedAnswers(index, new BodyRenderer());
    const service = new AnswerService(index, prepared, thread);
    const caller: TokenCaller = { name: 'bot', role: 'bot', tags: ['public'] };
    const ask = async () => JSON.parse((await service.answers(caller, { q: 'refund', locale: 'en', limit: 5 })).toString()).answers.map((a: { id: string }) => a.id);
    expect(await ask()).toEqual(['refund', 'thanks']);
    await thread.close();
    expect(thread.available).toBe(false);
    await expect(thread.rank(QUESTIONS[0] as SearchQuery)).rejects.toThrow('closed');
    // A new question (not in the ranking cache) is still answered.
    expect(JSON.parse((await service.answers(caller, { q: 'shipping', locale: 'en', limit: 5 })).toString()).answers.map((a: { id: string }) => a.id)).toEqual(['shipping']);
  });
});
