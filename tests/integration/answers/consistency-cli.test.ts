/** `npm run cli -- consistency` against a real server (issue #17). */
import { describe, expect, it } from 'vitest';
import * as consistency from '../../../main/cli/commands/consistency';
import { cli } from '../workflow/cli-helpers';
import { api, article, publishLive, sqliteServer } from '../server/test-server';
import { eachTest } from '../../helpers/each-test';

describe('consistency', () => {
  const t = eachTest(sqliteServer);

  it('says nothing, exit 0, when the channels agree', async () => {
    await publishLive(t, { entries: [article('kb/a', 'en', { tags: ['faq', 'public'] }), article('kb/a', 'fr', { tags: ['public', 'faq'] })] });
    const run = await cli(consistency, ['--server', t.url, '--token', t.tokens.lead]);
    expect(run).toEqual({ code: 0, out: [], err: ['0 finding(s) over 2 live entries'] });
  });

  it('lists locales disagreeing in kind or tags, stale FAQ translations and bot-visible entries pending review', async () => {
    const seeded = await publishLive(t, {
      entries: [
        article('kb/tags', 'en', { tags: ['faq', 'public'] }),
        article('kb/tags', 'fr', { tags: ['faq'] }),
        article('kb/kind', 'en', { tags: ['x'] }),
        { id: 'kb/kind', locale: 'de', kind: 'template', title: 'Kind', body: 'Hallo', tags: ['x'] },
        article('kb/faq', 'en', { tags: ['faq'] }),
        article('kb/faq', 'fr', { tags: ['faq'] }),
        article('kb/bot', 'en', { tags: ['public'] }),
        article('kb/internal', 'en', { tags: ['internal'] }),
      ],
    });
    expect(seeded.status).toBe(200);
    // A new source version of a FAQ article makes its French translation stale.
    expect((await api(t.url, t.tokens.lead, 'POST', '/v1/entries', article('kb/faq', 'en', { body: 'New text', tags: ['faq'] }))).status).toBe(200);
    expect((await api(t.url, t.tokens.admin, 'POST', `/v1/entries/${encodeURIComponent('kb/faq')}/approve`, { locale: 'en' })).status).toBe(200);
    // Versions waiting for review: a bot-visible one counts, an internal one does not.
    expect((await api(t.url, t.tokens.lead, 'POST', '/v1/entries', article('kb/bot', 'en', { body: 'Changed', tags: ['public'] }))).status).toBe(200);
    expect((await api(t.url, t.tokens.lead, 'POST', '/v1/entries', article('kb/internal', 'en', { body: 'Changed', tags: ['internal'] }))).status).toBe(200);

    const run = await cli(consistency, ['--server', t.url, '--token', t.tokens.lead]);
    expect(run).toEqual({
      code: 1,
      out: [
        'kind_mismatch  kb/kind  de: template, en: article',
        'tags_mismatch  kb/tags  en: faq,public; fr: faq',
        'bot_visible_pending_review  kb/bot (en)  version 2 by lena-lead waits for review',
        'stale_faq_translation  kb/faq (fr)  source en is at version 2',
      ],
      err: ['4 finding(s) over 8 live entries'],
    });
    const asJson = await cli(consistency, ['--server', t.url, '--token', t.tokens.lead, '--json', '--bot-tags', 'internal']);
    expect(asJson.out.map((line) => JSON.parse(line) as { problem: string; id: string })).toEqual([
      expect.objectContaining({ problem: 'kind_mismatch', id: 'kb/kind' }),
      expect.objectContaining({ problem: 'tags_mismatch', id: 'kb/tags' }),
      { problem: 'stale_faq_translation', id: 'kb/faq', locale: 'fr', sourceLocale: 'en', sourceVersion: 2 },
      { problem: 'bot_visible_pending_review', id: 'kb/internal', locale: 'en', reason: 'in_review', detail: 'version 2 by lena-lead waits for review' },
    ]);
  });

  it('needs a lead token', async () => {
    const run = await cli(consistency, ['--server', t.url, '--token', t.tokens.agent]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual(['error: the token is not allowed to do this (403): this needs a lead token; "alex-agent" is an agent [forbidden]']);
  });
});
