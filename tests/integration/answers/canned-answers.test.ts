/**
 * `--canned-answers` (bench:answers' floor): the same app, auth and validation around a fixed
 * reply. The floor is only a floor if a canned request still goes through all of them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, article, publishLive, sqliteServer, type TestServer } from '../server/test-server';

const CANNED = Buffer.from('{"locale":"en","chain":["en"],"notice":null,"seq":7,"answers":[]}');

describe('a server with canned answers', () => {
  let t: TestServer;
  let bot: string;
  beforeEach(async () => {
    t = await sqliteServer({ cannedAnswers: CANNED });
    bot = await t.server.tokens.create('helpbot', 'bot');
    await publishLive(t, { entries: [article('refund-policy', 'en', { title: 'Refund policy', body: 'Refunds within 14 days.', tags: ['public'] })] });
    await t.server.answers.catchUp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers every question with the canned bytes, as JSON', async () => {
    const response = await fetch(`${t.url}/v1/answers?q=refund&locale=en`, { headers: { authorization: `Bearer ${bot}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(CANNED);
  });

  it('still asks for a token and validates the question first', async () => {
    expect((await api(t.url, null, 'GET', '/v1/answers?q=refund')).status).toBe(401);
    const empty = await api(t.url, bot, 'GET', '/v1/answers?q=%20');
    expect(empty).toEqual({ status: 400, json: { error: { code: 'bad_request', message: 'invalid querystring: q: must not be empty' } } });
  });

  it('serves entries as the real server does', async () => {
    const { status, json } = await api(t.url, bot, 'GET', '/v1/entries/refund-policy?locale=en');
    expect(status).toBe(200);
    expect(json.title).toBe('Refund policy');
  });
});
