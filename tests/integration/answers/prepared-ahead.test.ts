/**
 * Bots' answers prepared ahead of the questions (server/answers/prepared-answers.ts): every live
 * entry once the index is loaded and each approval as the index applies it, so a question renders
 * no Markdown; within a memory bound, past which answers are prepared when asked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../helpers/until';
import type { KnowledgeEntry } from '../../../common/knowledge';
import { BodyRenderer, type RenderedBody } from '../../../server/answers/answer-body';
import { PreparedAnswers } from '../../../server/answers/prepared-answers';
import { api, article, publishLive, sqliteServer, type TestServer } from '../server/test-server';

/** Counts every body rendered, on request or ahead. */
class CountingRenderer extends BodyRenderer {
  rendered: string[] = [];
  override render(entry: KnowledgeEntry): RenderedBody {
    this.rendered.push(`${entry.id}/${entry.locale}@${entry.version}`);
    return super.render(entry);
  }
  override renderOnce(entry: KnowledgeEntry): RenderedBody {
    this.rendered.push(`${entry.id}/${entry.locale}@${entry.version}`);
    return super.renderOnce(entry);
  }
}

describe('answers prepared ahead', () => {
  let t: TestServer;
  const opened: PreparedAnswers[] = [];
  const prepared = (renderer: BodyRenderer, maxBytes?: number) => {
    const p = new PreparedAnswers(t.server.answers, renderer, maxBytes === undefined ? {} : { maxBytes });
    opened.push(p);
    p.startAhead();
    return p;
  };

  beforeEach(async () => {
    t = await sqliteServer();
    const published = await publishLive(t, {
      entries: [
        article('refund', 'en', { title: 'Refund policy', body: 'Refunds are paid within **14 days**.', tags: ['public'] }),
        article('refund', 'fr', { title: 'Remboursement', body: 'Sous **14 jours**, « garanti ».', tags: ['public'] }),
        article('shipping', 'en', { title: 'Shipping', body: 'We ship in 2 days.', tags: ['public'] }),
      ],
    });
    expect(published.status).toBe(200);
    await t.server.answers.catchUp();
  });
  afterEach(async () => {
    for (const p of opened.splice(0)) p.close();
    await t.close();
  });

  it('prepares every live entry before any question, and answers from it without rendering', async () => {
    const renderer = new CountingRenderer();
    const answers = prepared(renderer);
    expect(answers.ready).toBe(false);
    await until(() => answers.ready);
    expect(answers.size).toBe(3);
    expect([...renderer.rendered].sort()).toEqual(['refund/en@1', 'refund/fr@1', 'shipping/en@1']);
    const fr = answers.get('refund', 'fr');
    expect(renderer.rendered).toHaveLength(3);
    expect(fr?.text).toBe('Sous 14 jours, « garanti ».');
    // The prepared JSON is the answer's fixed members, in the API's order, the text among them.
    expect(Object.keys(JSON.parse(`${fr?.open.toString()}}`))).toEqual(['id', 'locale', 'kind', 'title', 'text', 'html', 'variables', 'tags', 'urlOrPath', 'version', 'approval', 'renderError']);
    expect(JSON.parse(`${fr?.open.toString()}}`)).toMatchObject({ id: 'refund', locale: 'fr', text: 'Sous 14 jours, « garanti ».', html: '<p>Sous <strong>14 jours</strong>, « garanti ».</p>\n', version: 1 });
  });

  it('prepares a new approval as the index applies it, and drops a retired entry', async () => {
    const renderer = new CountingRenderer();
    const answers = prepared(renderer);
    await until(() => answers.ready);
    await publishLive(t, article('refund', 'en', { title: 'Refund policy', body: 'Refunds are paid within 7 days.', tags: ['public'] }));
    await t.server.answers.catchUp();
    await until(() => answers.ready);
    // The French variant changed too: its source moved on, so it is now a stale translation.
    expect(renderer.rendered.slice(3).sort()).toEqual(['refund/en@2', 'refund/fr@1']);
    expect(answers.get('refund', 'fr') && JSON.parse(`${answers.get('refund', 'fr')?.open.toString()}}`).approval.staleTranslation).toBe(true);
    const count = renderer.rendered.length;
    expect(answers.get('refund', 'en')?.text).toBe('Refunds are paid within 7 days.');
    expect(renderer.rendered).toHaveLength(count);
    expect((await api(t.url, t.tokens.lead, 'DELETE', '/v1/entries/shipping?locale=en')).status).toBe(200);
    await t.server.answers.catchUp();
    expect(answers.get('shipping', 'en')).toBeNull();
    // Not kept either: a retired entry's answer is let go.
    expect(answers.size).toBe(2);
  });

  it('stops preparing ahead at its memory bound, and prepares the rest when asked', async () => {
    const renderer = new CountingRenderer();
    // Room for one prepared answer (each is ~300 bytes of JSON plus its overhead).
    const answers = prepared(renderer, 700);
    await until(() => answers.ready);
    expect(answers.size).toBe(1);
    expect(renderer.rendered).toHaveLength(2); // the second one was rendered, then found not to fit
    expect(answers.get('shipping', 'en')?.text).toBe('We ship in 2 days.');
    expect(answers.get('refund', 'fr')?.text).toBe('Sous 14 jours, « garanti ».');
    expect(answers.size).toBe(1);
  });

  it('carries answersReady on /healthz (the bench waits for it as a readiness probe would)', async () => {
    let health = (await api(t.url, null, 'GET', '/healthz')).json;
    for (let i = 0; i < 100 && health.answersReady !== true; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      health = (await api(t.url, null, 'GET', '/healthz')).json;
    }
    expect(health).toMatchObject({ ok: true, answersReady: true });
  });
});
