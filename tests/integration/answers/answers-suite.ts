/**
 * `GET /v1/answers` and `GET /v1/entries/:id` for bots (issue #17) on a real server, run on each
 * engine (answers-api.test.ts on SQLite, tests/integration/server/answers-postgres.pg-test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, article, publishLive, type ServerFactory, type TestServer } from '../server/test-server';
import { HOSTILE_MARKDOWN } from '../../fixtures/hostile-markdown';
import { demoteHeadings } from '../../../server/faq/faq-html';
import { escapeHtml } from '../../../common/text/html-entities';

const TEMPLATE_BODY = 'Hi {{ customer.first_name | default: "there" }}, your refund of {{ refund.amount }} is on its way.';

export function defineAnswersSuite(label: string, factory: ServerFactory): void {
  describe(`answers for bots on ${label}`, () => {
    let t: TestServer;
    let bot: string;

    beforeEach(async () => {
      t = await factory();
      bot = await t.server.tokens.create('helpbot', 'bot');
      const published = await publishLive(t, {
        entries: [
          article('refund-policy', 'en', { title: 'Refund policy', body: 'Refunds are paid within **14 days**.', tags: ['public', 'billing'] }),
          article('refund-policy', 'fr', { title: 'Politique de remboursement', body: 'Les remboursements sont versés sous **14 jours**.', tags: ['public', 'billing'] }),
          article('refund-escalation', 'en', { title: 'Refund escalation (internal)', body: 'Escalate refunds over 500 EUR to finance.', tags: ['internal'] }),
          { id: 'refund-reply', locale: 'en', kind: 'template', title: 'Refund on its way', body: TEMPLATE_BODY, tags: ['public'] },
          article('hostile', 'en', { title: 'Hostile <b>refund</b> page', body: '<script>alert(1)</script> refund [x](javascript:alert(1))', tags: ['public'] }),
        ],
      });
      expect(published.status).toBe(200);
      await t.server.answers.catchUp();
    });
    afterEach(async () => {
      await t.close();
    });

    it('answers in the asked language, with text, sanitised HTML, version and approval', async () => {
      const { status, json } = await api(t.url, bot, 'GET', '/v1/answers?q=remboursement&locale=fr');
      expect(status).toBe(200);
      expect(json.locale).toBe('fr');
      expect(json.chain).toEqual(['fr', 'en']);
      expect(json.notice).toBeNull();
      expect(json.answers.map((a: { id: string; locale: string }) => `${a.id}/${a.locale}`)).toEqual(['refund-policy/fr']);
      const [answer] = json.answers;
      expect(answer).toMatchObject({
        kind: 'article',
        title: 'Politique de remboursement',
        text: 'Les remboursements sont versés sous 14 jours.',
        html: '<p>Les remboursements sont versés sous <strong>14 jours</strong>.</p>\n',
        variables: [],
        tags: ['public', 'billing'],
        version: 1,
        fallback: false,
        renderError: null,
      });
      expect(answer.approval).toMatchObject({ approvedBy: 'root', reviewState: 'approved', staleTranslation: false });
      expect(answer.approval.approvedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it('renders templates with their defaults and lists the variables a bot can fill', async () => {
      const { json } = await api(t.url, bot, 'GET', '/v1/answers?q=refund&locale=en&kind=template');
      expect(json.answers.map((a: { id: string }) => a.id)).toEqual(['refund-reply']);
      const [answer] = json.answers;
      expect(answer.text).toBe('Hi there, your refund of [Refund amount] is on its way.');
      expect(answer.variables).toEqual([
        { name: 'customer.first_name', label: 'Customer first name', type: 'text', defaultValue: 'there' },
        { name: 'refund.amount', label: 'Refund amount', type: 'amount', defaultValue: null },
      ]);
    });

    it('shows a bot only entries tagged public; other roles see every live entry', async () => {
      const asBot = await api(t.url, bot, 'GET', '/v1/answers?q=refund&locale=en&limit=10');
      expect(asBot.json.answers.map((a: { id: string }) => a.id).sort()).toEqual(['hostile', 'refund-policy', 'refund-reply']);
      const asAgent = await api(t.url, t.tokens.agent, 'GET', '/v1/answers?q=refund&locale=en&limit=10');
      expect(asAgent.json.answers.map((a: { id: string }) => a.id).sort()).toEqual(['hostile', 'refund-escalation', 'refund-policy', 'refund-reply']);
    });

    it('answers 404, not 403, for an entry a bot may not see, exactly as for one that does not exist', async () => {
      const hidden = await api(t.url, bot, 'GET', '/v1/entries/refund-escalation?locale=en');
      const absent = await api(t.url, bot, 'GET', '/v1/entries/no-such-entry?locale=en');
      expect(hidden).toEqual({ status: 404, json: { error: { code: 'not_found', message: 'no entry "refund-escalation"' } } });
      expect(absent).toEqual({ status: 404, json: { error: { code: 'not_found', message: 'no entry "no-such-entry"' } } });
      const asAgent = await api(t.url, t.tokens.agent, 'GET', '/v1/entries/refund-escalation?locale=en');
      expect(asAgent.status).toBe(200);
      expect(asAgent.json.text).toBe('Escalate refunds over 500 EUR to finance.');
    });

    it('returns one entry, falling back along the locale chain and saying so', async () => {
      const fr = await api(t.url, bot, 'GET', '/v1/entries/refund-policy?locale=fr');
      expect(fr.json).toMatchObject({ id: 'refund-policy', locale: 'fr', fallback: false, notice: null });
      const frCa = await api(t.url, bot, 'GET', '/v1/entries/refund-reply?locale=fr-CA');
      expect(frCa.json).toMatchObject({ id: 'refund-reply', locale: 'en', fallback: true, notice: 'no entries in "fr-CA"; answering from fr → en' });
      const de = await api(t.url, bot, 'GET', '/v1/answers?q=refund&locale=de');
      expect(de.json.notice).toBe('no entries in "de"; answering from en');
      expect(de.json.chain).toEqual(['en']);
    });

    it('serves an entry whose id is as long as ids may be, percent-encoded', async () => {
      const id = `kb/${'é'.repeat(197)}`;
      expect((await publishLive(t, article(id, 'en', { tags: ['public'] }))).status).toBe(200);
      await t.server.answers.catchUp();
      const { status, json } = await api(t.url, bot, 'GET', `/v1/entries/${encodeURIComponent(id)}?locale=en`);
      expect(status).toBe(200);
      expect(json.id).toBe(id);
    });

    it('never returns raw HTML or script from an entry', async () => {
      const { json } = await api(t.url, bot, 'GET', '/v1/entries/hostile?locale=en');
      expect(json.title).toBe('Hostile <b>refund</b> page');
      // A block that opens with raw HTML stays text as a whole: the link in it is not a link either.
      expect(json.html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; refund [x](javascript:alert(1))</p>\n');
      expect(json.text).toBe('<script>alert(1)</script> refund [x](javascript:alert(1))');
    });

    it('gives the overlay’s hostile-Markdown corpus exactly as the one Markdown function does, to bots and on FAQ pages', async () => {
      const title = (i: number) => `Hostile ${i} <img src=x onerror=alert(${i})>`;
      const entries = HOSTILE_MARKDOWN.map(([input], i) => article(`xss/${i}`, 'en', { title: title(i), body: input, tags: ['public', 'faq'] }));
      expect((await publishLive(t, { entries })).status).toBe(200);
      await t.server.answers.catchUp();
      for (const [i, [input, html]] of HOSTILE_MARKDOWN.entries()) {
        const answer = await api(t.url, bot, 'GET', `/v1/entries/${encodeURIComponent(`xss/${i}`)}?locale=en`);
        expect([input, answer.status, answer.json.html, answer.json.title]).toEqual([input, 200, html, title(i)]);
        const page = await fetch(`${t.url}/faq/en/${encodeURIComponent(`xss/${i}`)}`);
        const served = await page.text();
        expect([input, page.status]).toEqual([input, 200]);
        expect(served, input).toContain(`<h1>${escapeHtml(title(i))}</h1>`);
        expect(served, input).toContain(`<div class="body">\n${demoteHeadings(html)}\n</div>`);
      }
    });

    it('refuses bad queries with the API error shape, and keeps bots off every other route', async () => {
      expect((await api(t.url, bot, 'GET', `/v1/answers?q=refund${'a'.repeat(494)}&locale=en`)).status).toBe(200);
      const long = await api(t.url, bot, 'GET', `/v1/answers?q=${'a'.repeat(501)}&locale=en`);
      expect(long).toEqual({ status: 400, json: { error: { code: 'bad_request', message: 'invalid querystring: q: must be at most 500 characters' } } });
      expect((await api(t.url, bot, 'GET', '/v1/answers?q=%20&locale=en')).json.error.code).toBe('bad_request');
      expect((await api(t.url, bot, 'GET', '/v1/answers?q=x&locale=english!')).status).toBe(400);
      expect((await api(t.url, bot, 'GET', '/v1/answers?q=x&limit=21')).status).toBe(400);
      expect((await api(t.url, null, 'GET', '/v1/answers?q=x')).status).toBe(401);
      expect((await api(t.url, bot, 'GET', '/v1/changes?after=0')).json.error.code).toBe('forbidden');
      expect((await api(t.url, bot, 'GET', '/v1/entries/refund-policy/history?locale=en')).status).toBe(403);
      expect((await api(t.url, bot, 'DELETE', '/v1/entries/refund-policy?locale=en')).status).toBe(403);
    });

    it('reads the tags a bot token was created with', async () => {
      const made = await api(t.url, t.tokens.admin, 'POST', '/v1/tokens', { name: 'billing-bot', role: 'bot', tags: ['billing'] });
      expect(made.status).toBe(200);
      const refused = await api(t.url, t.tokens.admin, 'POST', '/v1/tokens', { name: 'agent-x', role: 'agent', tags: ['billing'] });
      expect(refused).toEqual({ status: 400, json: { error: { code: 'bad_request', message: 'invalid body: tags: only a bot token has tags' } } });
      const { json } = await api(t.url, made.json.token, 'GET', '/v1/answers?q=refund&locale=en&limit=10');
      expect(json.answers.map((a: { id: string }) => a.id)).toEqual(['refund-policy']);
      expect((await t.server.tokens.list()).find((x) => x.name === 'billing-bot')?.tags).toEqual(['billing']);
    });

    it('follows the change log: a new approval and a retirement show in the next answer', async () => {
      const ids = async () => (await api(t.url, bot, 'GET', '/v1/answers?q=refund&locale=en&limit=10')).json.answers.map((a: { id: string }) => a.id).sort();
      expect(await ids()).toEqual(['hostile', 'refund-policy', 'refund-reply']);
      await publishLive(t, article('refund-policy', 'en', { title: 'Refund policy', body: 'Refunds are paid within 7 days.', tags: ['public'] }));
      await t.server.answers.catchUp();
      expect(t.server.answers.seq).toBe((await t.server.repo.state()).latestSeq);
      const answer = await api(t.url, bot, 'GET', '/v1/entries/refund-policy?locale=en');
      expect(answer.json).toMatchObject({ version: 2, text: 'Refunds are paid within 7 days.' });
      expect((await api(t.url, t.tokens.lead, 'DELETE', '/v1/entries/refund-reply?locale=en')).status).toBe(200);
      await t.server.answers.catchUp();
      expect((await api(t.url, bot, 'GET', '/v1/entries/refund-reply?locale=en')).status).toBe(404);
      // The same question asked again: not answered from the ranking made before the retirement.
      expect(await ids()).toEqual(['hostile', 'refund-policy']);
      await publishLive(t, article('refund-fast', 'en', { title: 'Fast refund', tags: ['public'] }));
      await t.server.answers.catchUp();
      expect(await ids()).toEqual(['hostile', 'refund-fast', 'refund-policy']);
    });

    it('answers a question asked over and over with the new approval as soon as the index has it', async () => {
      const ask = async () => (await api(t.url, bot, 'GET', '/v1/answers?q=refund%20policy&locale=en&limit=1')).json.answers[0];
      // Ranked, then kept whole, then answered from what was kept.
      for (let i = 0; i < 3; i++) expect(await ask()).toMatchObject({ id: 'refund-policy', version: 1, text: 'Refunds are paid within 14 days.' });
      await publishLive(t, article('refund-policy', 'en', { title: 'Refund policy', body: 'Refunds are paid within 7 days.', tags: ['public'] }));
      await t.server.answers.catchUp();
      expect(await ask()).toMatchObject({ id: 'refund-policy', version: 2, text: 'Refunds are paid within 7 days.' });
    });

    it('shows a re-verification (same version, later due date) in the next answer', async () => {
      let clock = new Date('2026-03-01T00:00:00.000Z');
      const s = await factory({ now: () => clock });
      try {
        const reader = await s.server.tokens.create('verify-bot', 'bot');
        expect((await publishLive(s, article('kb/verified', 'en', { tags: ['public'] }))).status).toBe(200);
        await s.server.answers.catchUp();
        const ask = async () => (await api(s.url, reader, 'GET', '/v1/answers?q=verified&locale=en')).json.answers[0];
        const before = await ask();
        clock = new Date('2026-03-05T00:00:00.000Z');
        const verified = await api(s.url, s.tokens.admin, 'POST', `/v1/entries/${encodeURIComponent('kb/verified')}/verify`, { locale: 'en' });
        expect(verified.status).toBe(200);
        await s.server.answers.catchUp();
        const after = await ask();
        expect([before.version, after.version]).toEqual([1, 1]);
        expect(Date.parse(after.approval.verificationDueAt) - Date.parse(before.approval.verificationDueAt)).toBe(4 * 24 * 3600 * 1000);
      } finally {
        await s.close();
      }
    });

    it('starts from the live entries after a restart', async () => {
      await t.restart();
      const { json } = await api(t.url, bot, 'GET', '/v1/answers?q=remboursement&locale=fr');
      expect(json.answers.map((a: { id: string }) => a.id)).toEqual(['refund-policy']);
      expect(t.server.answers.size).toBe(5);
    });
  });
}
