/**
 * The knowledge server's behaviour, written once and run against each database:
 * server-sqlite.test.ts (the normal suite) and server-postgres.pg-test.ts (`npm run test:pg`).
 */
import { describe, expect, it } from 'vitest';
import { INLINE_PAGE_MAX_BYTES, MAX_PUBLISH_BATCH } from '../../../common/sync-protocol';
import { api, article, type ServerFactory, publishLive } from './test-server';
import { openSse } from './sse-reader';
import { eachTest } from '../../helpers/each-test';

export function defineServerSuite(label: string, factory: ServerFactory): void {
  describe(`knowledge server on ${label}`, () => {
    const t = eachTest(factory);

    it('answers /healthz without a token', async () => {
      const res = await api(t.url, null, 'GET', '/healthz');
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ ok: true, latestSeq: 0 });
      expect(typeof res.json.epoch).toBe('string');
    });

    it('refuses a missing or unknown token with 401 JSON', async () => {
      for (const token of [null, 'cct_not-a-real-token']) {
        const res = await api(t.url, token, 'GET', '/v1/changes');
        expect(res.status).toBe(401);
        expect(res.json.error.code).toBe('unauthorized');
        expect(typeof res.json.error.message).toBe('string');
      }
      const sse = await api(t.url, null, 'GET', '/v1/events');
      expect(sse.status).toBe(401);
    });

    it('refuses the wrong role with 403 JSON and writes nothing', async () => {
      const publish = await api(t.url, t.tokens.agent, 'POST', '/v1/entries', article('a'));
      expect(publish.status).toBe(403);
      expect(publish.json.error).toMatchObject({ code: 'forbidden' });
      expect(publish.json.error.message).toBe('this needs a lead token; "alex-agent" is an agent');
      const retire = await api(t.url, t.tokens.agent, 'DELETE', '/v1/entries/a?locale=en');
      expect(retire.status).toBe(403);
      const tokens = await api(t.url, t.tokens.lead, 'GET', '/v1/tokens');
      expect(tokens.status).toBe(403);
      expect((await api(t.url, null, 'GET', '/healthz')).json.latestSeq).toBe(0);
    });

    it('publishes one entry or a batch (an admin approving in bulk), with increasing seqs', async () => {
      const one = await publishLive(t, article('a'));
      expect(one.status).toBe(200);
      expect(one.json).toMatchObject({ published: [{ id: 'a', locale: 'en', version: 1, seq: 1 }], latestSeq: 1 });
      const batch = await publishLive(t, {
        entries: [article('a', 'en', { title: 'Changed' }), article('a', 'fr'), article('b')],
      });
      expect(batch.status).toBe(200);
      expect(batch.json.published.map((p: { seq: number; version: number }) => [p.seq, p.version])).toEqual([
        [2, 2],
        [3, 1],
        [4, 1],
      ]);
      const page = await api(t.url, t.tokens.agent, 'GET', '/v1/changes?after=0');
      expect(page.status).toBe(200);
      expect(page.json).toMatchObject({ after: 0, latestSeq: 4, nextCursor: 4, hasMore: false });
      expect(page.json.items.map((i: { seq: number }) => i.seq)).toEqual([1, 2, 3, 4]);
      const changed = page.json.items[1];
      expect(changed).toMatchObject({ op: 'upsert', id: 'a', locale: 'en' });
      expect(changed.entry).toMatchObject({ title: 'Changed', version: 2, approvedBy: 'root', reviewState: 'approved' });
      expect(changed.entry.approvedAt).toBe(changed.entry.updatedAt);
    });

    it('retires an entry as a remove change and keeps versions increasing after republishing', async () => {
      await api(t.url, t.tokens.lead, 'POST', '/v1/entries', article('a/b c', 'pt-BR'));
      const retired = await api(t.url, t.tokens.lead, 'DELETE', `/v1/entries/${encodeURIComponent('a/b c')}?locale=pt-BR`);
      expect(retired.status).toBe(400); // ids may not contain whitespace: the path is validated too
      await publishLive(t, article('a/b', 'pt-BR'));
      const ok = await api(t.url, t.tokens.lead, 'DELETE', `/v1/entries/${encodeURIComponent('a/b')}?locale=pt-BR`);
      expect(ok.status).toBe(200);
      expect(ok.json.retired).toEqual({ id: 'a/b', locale: 'pt-BR', version: 2, seq: 2 });
      const again = await api(t.url, t.tokens.lead, 'DELETE', `/v1/entries/${encodeURIComponent('a/b')}?locale=pt-BR`);
      // Retired already: the review workflow answers that the transition is not allowed from there.
      expect(again.status).toBe(409);
      expect(again.json.error).toMatchObject({ code: 'invalid_transition', currentState: 'retired' });
      const noLocale = await api(t.url, t.tokens.lead, 'DELETE', '/v1/entries/a');
      expect(noLocale.status).toBe(400);
      expect(noLocale.json.error.message).toBe('invalid querystring: locale: Invalid input: expected string, received undefined');
      const republished = await publishLive(t, article('a/b', 'pt-BR'));
      expect(republished.json.published[0]).toMatchObject({ version: 3, seq: 3 });
      const page = await api(t.url, t.tokens.agent, 'GET', '/v1/changes?after=1');
      expect(page.json.items).toEqual([
        { seq: 2, op: 'remove', id: 'a/b', locale: 'pt-BR' },
        expect.objectContaining({ seq: 3, op: 'upsert', id: 'a/b' }),
      ]);
    });

    it('refuses bad input with 400 naming the field, and writes nothing', async () => {
      const cases: Array<[unknown, string]> = [
        [{ entries: [article('ok'), article('x', 'en', { title: '' })] }, 'invalid body: entries.1.title: Too small: expected string to have >=1 characters'],
        [{ entries: [article('ok'), article('x', 'EN!')] }, 'invalid body: entries.1.locale: must be a locale tag such as "en" or "pt-BR"'],
        [{ entries: [article('ok'), { ...article('x'), kind: 'poem' }] }, 'invalid body: entries.1.kind: Invalid option: expected one of "template"|"article"'],
        [{ entries: [article('ok'), { ...article('x'), body: 'x'.repeat(200_001) }] }, 'invalid body: entries.1.body: Too big: expected string to have <=200000 characters'],
        [{ entries: [article('ok'), { ...article('x'), extra: 1 }] }, 'invalid body: entries.1: Unrecognized key: "extra"'],
        [{ entries: [] }, 'invalid body: entries: Too small: expected array to have >=1 items'],
        [{ entries: Array.from({ length: MAX_PUBLISH_BATCH + 1 }, (_, i) => article(`e${i}`)) }, `invalid body: entries: Too big: expected array to have <=${MAX_PUBLISH_BATCH} items`],
        [{ entries: [article('same'), article('same')] }, 'entries.1: duplicate of entries.0 (same id and locale)'],
        ['{"entries": [', "Body is not valid JSON but content-type is set to 'application/json'"],
      ];
      for (const [body, message] of cases) {
        const res = await api(t.url, t.tokens.lead, 'POST', '/v1/entries', body);
        expect(res.status, JSON.stringify(res.json)).toBe(400);
        expect(res.json.error).toEqual({ code: 'bad_request', message });
      }
      const template = await api(t.url, t.tokens.lead, 'POST', '/v1/entries', {
        entries: [article('fine'), { ...article('broken'), kind: 'template', body: 'Hi {{ customer.name ' }],
      });
      expect(template.status).toBe(400);
      expect(template.json.error).toMatchObject({ code: 'invalid_template' });
      expect(template.json.error.message).toBe('entries.1.body: the template does not parse: output "{{ customer.name " not closed (line 1, column 4)');
      const health = await api(t.url, null, 'GET', '/healthz');
      expect(health.json.latestSeq).toBe(0);
      const page = await api(t.url, t.tokens.agent, 'GET', '/v1/changes');
      expect(page.json.items).toEqual([]);
    });

    it('refuses an oversized body with 413', async () => {
      const huge = JSON.stringify({ entries: [article('a', 'en', { body: 'x'.repeat(33 * 1024 * 1024) })] });
      const res = await api(t.url, t.tokens.lead, 'POST', '/v1/entries', huge);
      expect(res.status).toBe(413);
      expect(res.json.error.code).toBe('payload_too_large');
    });

    it('pages through the change log with limits checked', async () => {
      await publishLive(t, {
        entries: Array.from({ length: 25 }, (_, i) => article(`e${i}`)),
      });
      const seen: number[] = [];
      let after = 0;
      for (;;) {
        const page = await api(t.url, t.tokens.agent, 'GET', `/v1/changes?after=${after}&limit=10`);
        expect(page.status).toBe(200);
        seen.push(...page.json.items.map((i: { seq: number }) => i.seq));
        after = page.json.nextCursor;
        if (!page.json.hasMore) break;
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      for (const [query, message] of [
        ['after=-1', 'invalid querystring: after: Too small: expected number to be >=0'],
        ['after=abc', 'invalid querystring: after: Invalid input: expected number, received NaN'],
        ['limit=0', 'invalid querystring: limit: Too small: expected number to be >=1'],
        ['limit=5001', 'invalid querystring: limit: Too big: expected number to be <=5000'],
      ]) {
        const res = await api(t.url, t.tokens.agent, 'GET', `/v1/changes?${query}`);
        expect(res.status).toBe(400);
        expect(res.json.error).toEqual({ code: 'bad_request', message });
      }
    });

    it('assigns gapless seqs to concurrent publishes', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          publishLive(t, { entries: [article(`c${i}`), article(`c${i}`, 'de')] }),
        ),
      );
      for (const r of results) expect(r.status).toBe(200);
      const seqs = results.flatMap((r) => r.json.published.map((p: { seq: number }) => p.seq)).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      const page = await api(t.url, t.tokens.agent, 'GET', '/v1/changes');
      expect(page.json.items.map((i: { seq: number }) => i.seq)).toEqual(seqs);
    });

    it('pokes event-stream clients with each new seq', async () => {
      const sse = await openSse(`${t.url}/v1/events`, t.tokens.agent);
      try {
        expect(sse.status).toBe(200);
        const hello = await sse.waitFor((e) => e.event === 'hello');
        expect(JSON.parse(hello.data)).toMatchObject({ seq: 0 });
        const { epoch } = JSON.parse(hello.data);
        expect(hello.data).toBe(JSON.stringify({ seq: 0, epoch })); // hello is a plain poke
        await publishLive(t, article('p'));
        const change = await sse.waitFor((e) => e.event === 'change');
        // A small change travels in the event: the very page /v1/changes answers for it.
        const pulled = await api(t.url, t.tokens.agent, 'GET', '/v1/changes?after=0');
        expect(JSON.parse(change.data)).toEqual({ seq: 1, epoch, page: pulled.json });
        expect(pulled.json.items.map((i: { seq: number; op: string; id: string }) => [i.seq, i.op, i.id])).toEqual([[1, 'upsert', 'p']]);
        await api(t.url, t.tokens.lead, 'DELETE', '/v1/entries/p?locale=en');
        const removal = await sse.waitFor((e) => e.event === 'change' && JSON.parse(e.data).seq === 2);
        expect(JSON.parse(removal.data).page).toEqual({
          epoch, after: 1, latestSeq: 2, items: [{ seq: 2, op: 'remove', id: 'p', locale: 'en' }], nextCursor: 2, hasMore: false,
        });
        // Past the inline cap an event is a plain poke: clients pull the entry.
        await publishLive(t, article('big', 'en', { body: 'x'.repeat(INLINE_PAGE_MAX_BYTES) }));
        const big = await sse.waitFor((e) => e.event === 'change' && JSON.parse(e.data).seq === 3);
        expect(big.data).toBe(JSON.stringify({ seq: 3, epoch }));
      } finally {
        sse.close();
      }
    });

    it('lets admins create, list and revoke tokens; a revoked token gets 401', async () => {
      const created = await api(t.url, t.tokens.admin, 'POST', '/v1/tokens', { name: 'sam', role: 'agent' });
      expect(created.status).toBe(200);
      expect(created.json.token).toMatch(/^cct_/);
      expect((await api(t.url, created.json.token, 'GET', '/v1/changes')).status).toBe(200);
      const duplicate = await api(t.url, t.tokens.admin, 'POST', '/v1/tokens', { name: 'sam', role: 'lead' });
      expect(duplicate.status).toBe(409);
      const badRole = await api(t.url, t.tokens.admin, 'POST', '/v1/tokens', { name: 'x', role: 'god' });
      expect(badRole.status).toBe(400);
      expect(badRole.json.error.message).toBe('invalid body: role: Invalid option: expected one of "bot"|"agent"|"lead"|"admin"');
      const list = await api(t.url, t.tokens.admin, 'GET', '/v1/tokens');
      expect(list.json.tokens.map((x: { name: string }) => x.name)).toEqual(['alex-agent', 'lena-lead', 'root', 'sam']);
      expect(JSON.stringify(list.json)).not.toContain('cct_');
      expect((await api(t.url, t.tokens.admin, 'DELETE', '/v1/tokens/sam')).status).toBe(200);
      expect((await api(t.url, created.json.token, 'GET', '/v1/changes')).status).toBe(401);
    });

    it('keeps its log and epoch across a restart', async () => {
      await publishLive(t, article('kept'));
      const before = (await api(t.url, null, 'GET', '/healthz')).json;
      await t.restart();
      const after = (await api(t.url, null, 'GET', '/healthz')).json;
      expect(after).toEqual(before);
      const next = await publishLive(t, article('kept'));
      expect(next.json.published[0]).toMatchObject({ version: 2, seq: 2 });
    });

    it('answers unknown routes with 404 JSON', async () => {
      const res = await api(t.url, t.tokens.agent, 'GET', '/v1/nothing');
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    });
  });
}
