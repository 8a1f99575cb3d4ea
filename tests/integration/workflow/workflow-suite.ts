/**
 * The review workflow over HTTP, on each engine (workflow-sqlite.test.ts, and on PostgreSQL
 * tests/integration/server/workflow-postgres.pg-test.ts): every transition × every role × every
 * state as a table — the allowed ones succeed, every other is refused with its code and writes
 * nothing — and the bad inputs of issue #13.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideTransition, type VersionState } from '../../../common/workflow';
import type { Role } from '../../../common/sync-protocol';
import { startServer, type RunningServer } from '../../../server/server';
import { api, article, type TestDbFactory } from '../server/test-server';

type Api = Awaited<ReturnType<typeof api>>;
const ACTORS: ReadonlyArray<{ name: string; role: Role }> = [
  { name: 'alex-agent', role: 'agent' },
  { name: 'ana', role: 'lead' },
  { name: 'bo', role: 'lead' },
  { name: 'root', role: 'admin' },
];
const STATES: readonly VersionState[] = ['draft', 'in_review', 'approved', 'superseded', 'retired'];
const ACTIONS = ['approve', 'reject', 'retire'] as const;

export function defineWorkflowSuite(label: string, factory: TestDbFactory): void {
  describe(`review workflow over HTTP on ${label}`, () => {
    let server: RunningServer;
    let drop: () => Promise<void>;
    const tokens = new Map<string, string>();
    let clock = new Date('2026-01-01T00:00:00.000Z');
    const call = (who: string, method: string, path: string, body?: unknown): Promise<Api> => api(server.url, tokens.get(who) as string, method, path, body);
    const submit = (who: string, id: string, extra: Record<string, unknown> = {}, locale = 'en') =>
      call(who, 'POST', '/v1/entries', { entries: [article(id, locale, extra)] });
    const act = (who: string, id: string, action: string, body: Record<string, unknown>) => call(who, 'POST', `/v1/entries/${encodeURIComponent(id)}/${action}`, { locale: 'en', ...body });
    const history = async (id: string, locale = 'en') => (await call('bo', 'GET', `/v1/entries/${encodeURIComponent(id)}/history?locale=${locale}`)).json.items as Array<Record<string, unknown>>;
    const ok = (response: Api) => {
      expect(response.status, JSON.stringify(response.json)).toBe(200);
      return response.json;
    };

    /** A fresh entry whose version 1 is in `state` (written by ana); `superseded` also has a live version 2. */
    async function entryIn(id: string, state: VersionState): Promise<void> {
      ok(await submit('ana', id));
      if (state === 'draft') ok(await act('bo', id, 'reject', { comment: 'not yet' }));
      if (state === 'approved' || state === 'superseded' || state === 'retired') ok(await act('bo', id, 'approve', {}));
      if (state === 'superseded') {
        ok(await submit('ana', id, { title: 'second' }));
        ok(await act('bo', id, 'approve', {}));
      }
      if (state === 'retired') ok(await call('bo', 'DELETE', `/v1/entries/${encodeURIComponent(id)}?locale=en`));
    }

    beforeAll(async () => {
      const db = await factory();
      drop = db.drop;
      server = await startServer({ ...db.target, channel: db.channel, port: 0, host: '127.0.0.1', logLevel: 'silent', now: () => clock });
      for (const actor of ACTORS) tokens.set(actor.name, await server.tokens.create(actor.name, actor.role));
    });
    afterAll(async () => {
      await server.close();
      await drop();
    });

    const rows = ACTIONS.flatMap((action) =>
      ACTORS.flatMap((actor) => STATES.filter((s) => action !== 'retire' || s !== 'superseded').map((state) => ({ action, actor, state }))),
    );
    it.each(rows)('$action by $actor.name ($actor.role) of a version that is $state', async ({ action, actor, state }) => {
      const id = `t/${action}/${actor.name}/${state}`;
      await entryIn(id, state);
      const before = await history(id);
      const response =
        action === 'retire'
          ? await call(actor.name, 'DELETE', `/v1/entries/${encodeURIComponent(id)}?locale=en`)
          : await act(actor.name, id, action, { version: 1, ...(action === 'reject' ? { comment: 'please fix' } : {}) });
      const decision = decideTransition(action, actor, { state, author: 'ana', number: 1 });
      if (decision.ok) {
        expect(response.status, JSON.stringify(response.json)).toBe(200);
        const after = await history(id);
        expect(after.at(-1)).toMatchObject({ version: 1, state: decision.value, actor: actor.name, event: { approve: 'approved', reject: 'rejected', retire: 'retired' }[action] });
        return;
      }
      const refusal = decision.refusal;
      expect(response.status).toBe(refusal.status);
      expect(response.json.error.code).toBe(refusal.code);
      if (refusal.code === 'invalid_transition') expect(response.json.error.currentState).toBe(state);
      expect(await history(id)).toEqual(before);
    });

    it('publishing: leads and admins submit versions in review, agents cannot; only admins approve in bulk', async () => {
      expect((await submit('alex-agent', 'p/agent')).status).toBe(403);
      expect(ok(await submit('ana', 'p/lead'))).toMatchObject({ versions: [{ id: 'p/lead', locale: 'en', version: 1, state: 'in_review' }], approved: false });
      const refused = await call('bo', 'POST', '/v1/entries', { entries: [article('p/bulk-lead')], approve: true });
      expect([refused.status, refused.json.error.code]).toEqual([403, 'forbidden']);
      expect((await call('bo', 'GET', '/v1/entries/p%2Fbulk-lead/history?locale=en')).status).toBe(404);
      const bulk = ok(await call('root', 'POST', '/v1/entries', { entries: [article('p/bulk')], approve: true }));
      expect(bulk).toMatchObject({ versions: [{ id: 'p/bulk', version: 1, state: 'approved' }], approved: true });
      expect((await history('p/bulk')).map((h) => [h.event, h.actor, h.approvedBy, h.comment])).toEqual([
        ['submitted', 'root', null, null],
        ['bulk_approved', 'root', 'root', 'approved in bulk by an admin (migration)'],
      ]);
    });

    it('agents receive approved versions only: drafts and versions in review never enter the change log', async () => {
      const start = (await call('alex-agent', 'GET', '/v1/changes?after=0&limit=5000')).json.latestSeq as number;
      ok(await submit('ana', 'log/one', { title: 'Draft text' }));
      ok(await act('bo', 'log/one', 'reject', { comment: 'no' }));
      const quiet = await call('alex-agent', 'GET', `/v1/changes?after=${start}`);
      expect(quiet.json.items).toEqual([]);
      ok(await submit('ana', 'log/one', { title: 'Good text' }));
      ok(await act('bo', 'log/one', 'approve', {}));
      const page = await call('alex-agent', 'GET', `/v1/changes?after=${start}`);
      expect(page.json.items.map((i: { entry: { title: string; version: number; approvedBy: string } }) => [i.entry.title, i.entry.version, i.entry.approvedBy])).toEqual([['Good text', 2, 'bo']]);
    });

    it('a stale base answers 409 with the current version and writes nothing', async () => {
      ok(await submit('ana', 'c/edit'));
      ok(await submit('bo', 'c/edit', { baseVersion: 1, title: 'bo edits' }));
      const stale = await submit('ana', 'c/edit', { baseVersion: 1, title: 'ana edits the old one' });
      expect([stale.status, stale.json.error.code, stale.json.error.currentVersion]).toEqual([409, 'stale_base', 2]);
      expect((await history('c/edit')).map((h) => h.title)).toEqual(['Title of c/edit', 'Title of c/edit', 'bo edits']);
    });

    it('rollback creates a new version in review with an earlier version’s content; bad targets are refused', async () => {
      await entryIn('r/one', 'superseded');
      const back = ok(await act('ana', 'r/one', 'rollback', { to: 1 }));
      expect(back).toMatchObject({ version: 3, state: 'in_review' });
      expect((await history('r/one')).at(-1)).toMatchObject({ version: 3, event: 'rolled_back', title: 'Title of r/one', comment: 'content of version 1' });
      ok(await submit('ana', 'r/other', {}, 'de'));
      for (const [to, status, code] of [[7, 404, 'not_found'], [3, 409, 'invalid_transition'], [2, 409, 'invalid_transition']] as const) {
        const refused = await act('bo', 'r/one', 'rollback', { to });
        expect([refused.status, refused.json.error.code]).toEqual([status, code]);
      }
      // Version 1 of another entry (or another locale) is not this entry's version 1.
      const other = await call('bo', 'POST', '/v1/entries/r%2Fother/rollback', { locale: 'en', to: 1 });
      expect([other.status, other.json.error.code]).toEqual([404, 'not_found']);
      expect((await act('alex-agent', 'r/one', 'rollback', { to: 1 })).status).toBe(403);
    });

    it('bad input: unknown entry or version, a comment over its limit, malformed bodies — each a clear error, nothing written', async () => {
      ok(await submit('ana', 'b/one'));
      const before = await history('b/one');
      const cases: Array<[Promise<Api>, number, string]> = [
        [act('bo', 'b/nothing', 'approve', {}), 404, 'not_found'],
        [act('bo', 'b/one', 'approve', { version: 9 }), 404, 'not_found'],
        [call('bo', 'POST', '/v1/entries/b%2Fone/approve', { locale: 'xx-', version: 1 }), 400, 'bad_request'],
        [act('bo', 'b/one', 'reject', { comment: 'x'.repeat(2001) }), 400, 'bad_request'],
        [act('bo', 'b/one', 'reject', { comment: '   ' }), 400, 'bad_request'],
        [act('bo', 'b/one', 'reject', { comment: 'lone \ud800 surrogate' }), 400, 'bad_request'],
        [act('bo', 'b/one', 'approve', { version: 'one' }), 400, 'bad_request'],
        [act('bo', 'b/one', 'approve', { version: 1, extra: true }), 400, 'bad_request'],
      ];
      for (const [pending, status, code] of cases) {
        const response = await pending;
        expect([response.status, response.json.error.code], JSON.stringify(response.json)).toEqual([status, code]);
      }
      expect(await history('b/one')).toEqual(before);
    });

    it('owners and verification: due after the interval, in the owner’s queue, cleared by a verification (no new version)', async () => {
      clock = new Date('2026-02-01T00:00:00.000Z');
      ok(await submit('ana', 'v/one'));
      ok(await act('bo', 'v/one', 'approve', {}));
      ok(await act('bo', 'v/one', 'owner', { owner: 'bo', verificationIntervalDays: 10 }));
      const page = await call('alex-agent', 'GET', '/v1/changes?after=0&limit=5000');
      const last = page.json.items.filter((i: { id: string }) => i.id === 'v/one').at(-1);
      expect(last.entry).toMatchObject({ version: 1, verificationDueAt: '2026-02-11T00:00:00.000Z' });
      const queued = async () => ((await call('bo', 'GET', '/v1/queue?mine=true')).json.items as Array<{ reason: string; id: string }>).filter((i) => i.id === 'v/one');
      expect(await queued()).toEqual([]);
      clock = new Date('2026-02-11T00:00:00.000Z');
      expect(await queued()).toEqual([{ reason: 'verification_due', id: 'v/one', locale: 'en', title: 'Title of v/one', owner: 'bo', version: 1, dueAt: '2026-02-11T00:00:00.000Z' }]);
      expect(ok(await act('bo', 'v/one', 'verify', {}))).toMatchObject({ version: 1, state: 'approved' });
      expect(await queued()).toEqual([]);
      expect((await history('v/one')).at(-1)).toMatchObject({ event: 'verified', version: 1, actor: 'bo' });
      const again = await call('alex-agent', 'GET', '/v1/changes?after=0&limit=5000');
      expect(again.json.items.filter((i: { id: string }) => i.id === 'v/one').at(-1).entry).toMatchObject({ version: 1, verificationDueAt: '2026-02-21T00:00:00.000Z' });
    });

    it('flags: an agent flags the live version, it reaches the owner’s queue and history, a lead resolves it once', async () => {
      ok(await submit('ana', 'f/one'));
      ok(await act('bo', 'f/one', 'approve', {}));
      const clientId = '5d7e2c1a-7d3f-4c55-9a7e-0c4d9b1e2f30';
      const flag = { clientId, id: 'f/one', locale: 'en', version: 1, reason: 'outdated', comment: 'The fee changed in May' };
      const first = ok(await call('alex-agent', 'POST', '/v1/flags', flag));
      expect(ok(await call('alex-agent', 'POST', '/v1/flags', flag))).toEqual({ flagId: first.flagId, duplicate: true });
      const items = (await call('ana', 'GET', '/v1/queue?mine=true')).json.items.filter((i: { id: string }) => i.id === 'f/one');
      expect(items).toEqual([{ reason: 'flagged', id: 'f/one', locale: 'en', title: 'Title of f/one', owner: 'ana', version: 1, flagId: first.flagId, flagReason: 'outdated', flaggedBy: 'alex-agent', flaggedAt: clock.toISOString(), comment: 'The fee changed in May' }]);
      expect((await call('alex-agent', 'POST', '/v1/flags', { ...flag, clientId: '6d7e2c1a-7d3f-4c55-9a7e-0c4d9b1e2f30', id: 'f/none' })).status).toBe(404);
      expect((await call('alex-agent', 'POST', `/v1/flags/${first.flagId}/resolve`, { resolution: 'fixed' })).status).toBe(403);
      ok(await call('ana', 'POST', `/v1/flags/${first.flagId}/resolve`, { resolution: 'dismissed', comment: 'fee unchanged' }));
      expect((await call('ana', 'POST', `/v1/flags/${first.flagId}/resolve`, { resolution: 'fixed' })).status).toBe(409);
      expect((await history('f/one')).slice(-2).map((h) => [h.event, h.actor, h.comment])).toEqual([
        ['flagged', 'alex-agent', 'outdated (on version 1): The fee changed in May'],
        ['flag_resolved', 'ana', 'dismissed: fee unchanged'],
      ]);
    });
  });
}
