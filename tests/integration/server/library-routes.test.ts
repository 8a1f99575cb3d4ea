/**
 * The routes the Library reads (issue #14): who the caller is, the lead's view with open versions
 * beside the live one, drafts saved and then submitted, one version's content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryChangesSchema, LibraryPageSchema, MAX_LIBRARY_CHANGED_IDS, MeResponseSchema, VersionContentSchema } from '../../../common/library-protocol';
import { api, article, sqliteServer, type TestServer } from './test-server';

describe('library routes', () => {
  let t: TestServer;
  let bo: string;
  beforeAll(async () => {
    t = await sqliteServer();
    bo = await t.server.tokens.create('bo-lead', 'lead');
  });
  afterAll(async () => t.close());

  it('GET /v1/me answers the token’s name and role, to every role, and 401 without a token', async () => {
    expect(MeResponseSchema.parse((await api(t.url, t.tokens.agent, 'GET', '/v1/me')).json)).toEqual({ name: 'alex-agent', role: 'agent' });
    expect((await api(t.url, t.tokens.lead, 'GET', '/v1/me')).json).toEqual({ name: 'lena-lead', role: 'lead' });
    expect((await api(t.url, t.tokens.admin, 'GET', '/v1/me')).json).toEqual({ name: 'root', role: 'admin' });
    expect((await api(t.url, null, 'GET', '/v1/me')).status).toBe(401);
  });

  it('a draft is saved, listed with the live version beside it, then submitted and approved by another lead', async () => {
    expect((await api(t.url, t.tokens.lead, 'POST', '/v1/entries', article('lib-a'))).status).toBe(200);
    expect((await api(t.url, bo, 'POST', '/v1/entries/lib-a/approve', { locale: 'en' })).status).toBe(200);
    const saved = await api(t.url, t.tokens.lead, 'POST', '/v1/entries', { ...article('lib-a', 'en', { body: 'New body' }), baseVersion: 1, draft: true });
    expect(saved.json.versions).toEqual([{ id: 'lib-a', locale: 'en', version: 2, state: 'draft' }]);

    const page = LibraryPageSchema.parse((await api(t.url, t.tokens.lead, 'GET', '/v1/library?limit=10')).json);
    const a = page.items.find((i) => i.id === 'lib-a');
    expect(a).toMatchObject({ version: 2, state: 'draft', body: 'New body', author: 'lena-lead', owner: 'lena-lead', openFlags: 0, staleTranslation: false });
    expect(a?.live).toMatchObject({ version: 1, state: 'approved', body: 'Body of lib-a in en', approvedBy: 'bo-lead' });
    expect(a?.verificationDueAt).toMatch(/^\d{4}-/);

    // Agents may not read the lead's view; a draft is not yet in review, so it cannot be approved.
    expect((await api(t.url, t.tokens.agent, 'GET', '/v1/library')).status).toBe(403);
    const early = await api(t.url, bo, 'POST', '/v1/entries/lib-a/approve', { locale: 'en' });
    expect([early.status, early.json.error.code, early.json.error.currentState]).toEqual([409, 'invalid_transition', 'draft']);

    expect((await api(t.url, t.tokens.lead, 'POST', '/v1/entries/lib-a/submit', { locale: 'en', version: 2 })).json).toMatchObject({ version: 2, state: 'in_review' });
    const self = await api(t.url, t.tokens.lead, 'POST', '/v1/entries/lib-a/approve', { locale: 'en', version: 2 });
    expect([self.status, self.json.error.code]).toEqual([403, 'four_eyes']);
    expect((await api(t.url, bo, 'POST', '/v1/entries/lib-a/approve', { locale: 'en', version: 2 })).json).toMatchObject({ state: 'approved' });

    const v1 = VersionContentSchema.parse((await api(t.url, t.tokens.lead, 'GET', '/v1/entries/lib-a/versions/1?locale=en')).json);
    expect([v1.state, v1.body]).toEqual(['superseded', 'Body of lib-a in en']);
    expect((await api(t.url, t.tokens.lead, 'GET', '/v1/entries/lib-a/versions/9?locale=en')).status).toBe(404);
    const history = (await api(t.url, t.tokens.lead, 'GET', '/v1/entries/lib-a/history?locale=en')).json.items as Array<{ version: number; event: string }>;
    expect(history.filter((h) => h.version === 2).map((h) => h.event)).toEqual(['draft_saved', 'submitted', 'approved']);
  });

  it('pages the lead’s view by (id, locale) without losing or repeating an entry', async () => {
    const entries = ['p1', 'p2', 'p3'].flatMap((id) => [article(id, 'en'), article(id, 'de')]);
    expect((await api(t.url, t.tokens.admin, 'POST', '/v1/entries', { entries, approve: true })).status).toBe(200);
    expect((await api(t.url, t.tokens.lead, 'POST', '/v1/entries', { ...article('p2', 'de', { title: 'Neu' }), baseVersion: 1 })).status).toBe(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = LibraryPageSchema.parse((await api(t.url, t.tokens.lead, 'GET', `/v1/library?limit=2${query}`)).json);
      seen.push(...page.items.map((i) => `${i.id}/${i.locale}/${i.state}`));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['lib-a/en/approved', 'p1/de/approved', 'p1/en/approved', 'p2/de/in_review', 'p2/en/approved', 'p3/de/approved', 'p3/en/approved']);
    const one = LibraryPageSchema.parse((await api(t.url, t.tokens.lead, 'GET', '/v1/library?id=p2')).json);
    expect(one.items.map((i) => `${i.id}/${i.locale}/${i.state}`)).toEqual(['p2/de/in_review', 'p2/en/approved']);
    expect(one.items[0]?.live?.title).toBe('Title of p2');
  });
  it('GET /v1/library/changes names the entries changed after a history event (drafts, submissions, flags), null past the cap; leads only', async () => {
    const stamp = LibraryChangesSchema.parse((await api(t.url, t.tokens.lead, 'GET', '/v1/library/changes')).json);
    expect(stamp.ids).toEqual([]);
    expect((await api(t.url, t.tokens.lead, 'POST', '/v1/entries', { ...article('chg-a'), draft: true })).status).toBe(200);
    expect((await api(t.url, bo, 'POST', '/v1/entries', article('chg-b'))).status).toBe(200);
    const after = LibraryChangesSchema.parse((await api(t.url, t.tokens.lead, 'GET', `/v1/library/changes?after=${stamp.latest}`)).json);
    expect([...(after.ids ?? [])].sort()).toEqual(['chg-a', 'chg-b']);
    expect(after.latest).toBe(stamp.latest + 2);
    expect((await api(t.url, t.tokens.lead, 'GET', `/v1/library/changes?after=${after.latest}`)).json).toEqual({ latest: after.latest, ids: [] });
    expect((await api(t.url, t.tokens.agent, 'GET', '/v1/library/changes')).status).toBe(403);
    expect((await api(t.url, t.tokens.lead, 'GET', '/v1/library/changes?after=-1')).status).toBe(400);

    const many = Array.from({ length: MAX_LIBRARY_CHANGED_IDS + 1 }, (_, i) => article(`chg-many-${i}`));
    expect((await api(t.url, t.tokens.lead, 'POST', '/v1/entries', { entries: many })).status).toBe(200);
    expect((await api(t.url, t.tokens.lead, 'GET', `/v1/library/changes?after=${after.latest}`)).json).toEqual({ latest: after.latest + MAX_LIBRARY_CHANGED_IDS + 1, ids: null });
  });
});
