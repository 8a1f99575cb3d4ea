/**
 * The Library's channels in main against a real server (issue #14): the role comes from the
 * server and an agent's session is refused in main; only /library.html is answered; drafts are
 * kept locally until the server has them (and across a restart); an oversize body, a template that
 * does not parse and a stale base are refused with what to do; an unreachable server says so.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../common/ipc-channels';
import { LIBRARY_CHANNELS, LIBRARY_ENTRY_URL, type LibraryChannelKey } from '../../../common/library-channels';
import type { EditorDraft, LibraryEntryView, LibraryResponseTypes } from '../../../common/library-contract';
import type { IpcResult } from '../../../common/ipc-contract';
import { MAX_BODY_LENGTH } from '../../../common/knowledge';
import { api, sqliteServer, type TestServer } from '../server/test-server';
import { startQuietApp } from '../../helpers/quiet-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('cuecard-library-');

describe('Library channels in main', () => {
  let t: TestServer;
  let boToken: string;
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    t = await sqliteServer();
    boToken = await t.server.tokens.create('bo-lead', 'lead');
  });
  afterAll(async () => t.close());
  afterEach(async () => {
    while (cleanup.length > 0) await cleanup.pop()?.();
  });

  async function library(token: string, dataDir = tempDir(), serverUrl = t.url) {
    const app = await startQuietApp(dataDir, cleanup);
    await app.core.settings.update({ serverUrl, token });
    const call = <K extends LibraryChannelKey>(key: K, payload?: unknown, sender = LIBRARY_ENTRY_URL) =>
      app.app.libraryRouter.dispatch(LIBRARY_CHANNELS[key], sender, payload ?? null) as Promise<IpcResult<LibraryResponseTypes[K]>>;
    return { ...app, lib: call };
  }

  const draft = (id: string, extra: Partial<EditorDraft> = {}): EditorDraft => ({
    id, locale: 'en', kind: 'article', title: `About ${id}`, body: 'Some text', tags: ['billing'], urlOrPath: null,
    owner: '', verificationIntervalDays: 90, baseVersion: 0, ...extra,
  });

  it('refuses an agent’s token on every library channel, in main', async () => {
    const { lib, call } = await library(t.tokens.agent);
    for (const key of ['load', 'queue', 'saveDraft', 'act'] as const) {
      const payload = key === 'load' ? { refresh: true } : key === 'saveDraft' ? draft('x') : key === 'act' ? { id: 'x', locale: 'en', action: 'verify' } : null;
      const answer = await lib(key, payload);
      expect(answer.ok ? 'ok' : answer.error.code, key).toBe('forbidden_role');
    }
    const session = await lib('session');
    expect(session).toEqual({ ok: false, error: { code: 'forbidden_role', message: 'The Library is for leads and admins; "alex-agent" is an agent.' } });
    // The overlay's key is refused the same way: the window never opens for an agent.
    expect(await call('openLibrary')).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
  });

  it('answers only the Library page', async () => {
    const { lib } = await library(t.tokens.lead);
    expect(await lib('queue', null, APP_ENTRY_URL)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await lib('queue', null, 'https://evil.example/library.html')).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await lib('session')).toEqual({ ok: true, value: { name: 'lena-lead', role: 'lead', serverUrl: t.url, maxBodyLength: 200_000, maxTitleLength: 500, importDialog: false, maxImportChars: 67_108_864 } });
  });

  it('keeps a draft locally until the server has it, across a restart, and lists it from the server after saving', async () => {
    const dataDir = tempDir();
    const first = await library(t.tokens.lead, dataDir);
    expect(await first.lib('keepDraft', draft('kept', { body: 'half written' }))).toEqual({ ok: true, value: null });
    while (cleanup.length > 0) await cleanup.pop()?.();

    const again = await library(t.tokens.lead, dataDir);
    const view = (await again.lib('getEntry', { id: 'kept', locale: 'en' })) as { ok: true; value: LibraryEntryView };
    expect(view.value.localDraft).toMatchObject({ id: 'kept', body: 'half written', baseVersion: 0 });
    const saved = (await again.lib('saveDraft', draft('kept', { body: 'whole' }))) as { ok: true; value: LibraryEntryView };
    expect(saved.ok).toBe(true);
    expect(saved.value.localDraft).toBeNull();
    expect(saved.value.record).toMatchObject({ id: 'kept', state: 'draft', version: 1, body: 'whole', author: 'lena-lead' });
    const load = await again.lib('load', { refresh: true });
    expect(load.ok && load.value.rows.find((r) => r.id === 'kept')).toMatchObject({ state: 'draft', unsaved: false, owner: 'lena-lead' });
    const search = await again.lib('search', { query: 'whole', limit: 50 });
    expect(search).toEqual({ ok: true, value: { keys: [{ id: 'kept', locale: 'en' }] } });
  });

  it('refuses an oversize body before uploading, naming the limit, and keeps it locally', async () => {
    const { lib } = await library(t.tokens.lead);
    const big = 'x'.repeat(MAX_BODY_LENGTH + 1);
    const answer = await lib('saveDraft', draft('big', { body: big }));
    expect(answer).toEqual({
      ok: false,
      error: { code: 'bad_request', message: `Body: at most 200,000 characters (the server's limit); this one has 200,001. Nothing was uploaded.` },
    });
    const view = (await lib('getEntry', { id: 'big', locale: 'en' })) as { ok: true; value: LibraryEntryView };
    expect(view.value.localDraft?.body.length).toBe(MAX_BODY_LENGTH + 1);
    expect((await api(t.url, t.tokens.lead, 'GET', '/v1/entries/big/history?locale=en')).status).toBe(404);
  });

  it('will not submit a template that does not parse, and says where the error is', async () => {
    const { lib } = await library(t.tokens.lead);
    const answer = await lib('submit', draft('broken', { kind: 'template', body: 'Hi {{ name' }));
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.message).toMatch(/^Body: the template does not parse: .*\(line 1, column 4\)\. It cannot be submitted until it does\.$/);
    const check = await lib('checkTemplate', { body: 'Hello\n{% if %}', values: {} });
    expect(check).toMatchObject({ ok: true, value: { ok: false, line: 2, column: 6 } });
    const good = await lib('checkTemplate', { body: 'Hi {{ customer.first_name }}, {{ order_id }}', values: { 'customer.first_name': 'Ana' } });
    expect(good.ok && good.value).toMatchObject({ ok: true, preview: { text: 'Hi Ana, [Order ID]' } });
    expect(good.ok && good.value.ok && good.value.variables.map((v) => v.name)).toEqual(['customer.first_name', 'order_id']);
    // A tag the app would render as nothing (a newer version's) is still an error here, as at publish.
    expect(await lib('checkTemplate', { body: 'Hi\n{% frobnicate %}', values: {} })).toEqual({
      ok: true,
      value: { ok: false, message: 'tag "frobnicate" not found (line 2, column 1)', line: 2, column: 1 },
    });
  });

  it("gives each variable's prefill declaration, so the editor shows what agents get pre-filled", async () => {
    const { lib } = await library(t.tokens.lead);
    const body = '{% prefill order.number pattern: "^[A-Z]-\\\\d{4,}$" %}{% prefill note from: "selection" %}Order {{ order.number }}: {{ note }}';
    const check = await lib('checkTemplate', { body, values: {} });
    expect(check.ok && check.value.ok && check.value.variables.map(({ name, context }) => ({ name, context }))).toEqual([
      { name: 'order.number', context: { from: 'clipboard', pattern: '^[A-Z]-\\d{4,}$' } },
      { name: 'note', context: { from: 'selection', pattern: null } },
    ]);
  });

  it('a save on a stale base is a conflict and writes nothing; self-approval is refused before asking', async () => {
    const lena = await library(t.tokens.lead);
    const bo = await library(boToken);
    expect((await lena.lib('submit', draft('shared'))).ok).toBe(true);
    await lena.lib('load', { refresh: true });
    expect(await lena.lib('act', { id: 'shared', locale: 'en', action: 'approve', version: 1 })).toEqual({
      ok: false,
      error: { code: 'refused', message: 'You wrote version 1; another lead must approve it (four eyes).' },
    });
    await bo.lib('load', { refresh: true });
    const approved = await bo.lib('act', { id: 'shared', locale: 'en', action: 'approve', version: 1 });
    expect(approved.ok && approved.value.record).toMatchObject({ state: 'approved', version: 1 });
    expect((await bo.lib('saveDraft', draft('shared', { body: 'bo’s edit', baseVersion: 1 }))).ok).toBe(true);
    const stale = await lena.lib('saveDraft', draft('shared', { body: 'lena’s edit', baseVersion: 1 }));
    expect(stale.ok ? 'ok' : stale.error.code).toBe('conflict');
    const kept = (await lena.lib('getEntry', { id: 'shared', locale: 'en' })) as { ok: true; value: LibraryEntryView };
    expect(kept.value.localDraft?.body).toBe('lena’s edit');
    // The other version is read at once, for the merge view.
    expect(kept.value.record).toMatchObject({ version: 2, body: 'bo’s edit', state: 'draft' });
    const current = await lena.lib('version', { id: 'shared', locale: 'en', version: 2 });
    expect(current).toMatchObject({ ok: true, value: { body: 'bo’s edit', state: 'draft', author: 'bo-lead' } });
  });

  it('Ctrl+S on one’s own open draft updates that draft (same version); a save from an older revision is a conflict; another lead’s save is a new version', async () => {
    const lena = await library(t.tokens.lead);
    const first = (await lena.lib('saveDraft', draft('resaved', { body: 'first words' }))) as { ok: true; value: LibraryEntryView };
    expect(first.value.record).toMatchObject({ version: 1, state: 'draft', revision: 0, body: 'first words' });
    const opened = { ...draft('resaved'), baseVersion: 1, baseRevision: 0 };
    const second = (await lena.lib('saveDraft', { ...opened, body: 'second words' })) as { ok: true; value: LibraryEntryView };
    expect(second.value.record).toMatchObject({ version: 1, state: 'draft', revision: 1, body: 'second words' });
    const third = (await lena.lib('saveDraft', { ...opened, baseRevision: 1, body: 'third words' })) as { ok: true; value: LibraryEntryView };
    expect(third.value.record).toMatchObject({ version: 1, state: 'draft', revision: 2, body: 'third words' });
    const history = await api(t.url, t.tokens.lead, 'GET', '/v1/entries/resaved/history?locale=en');
    const steps = (history.json as { items: Array<{ version: number; event: string }> }).items.map((i) => `${i.version} ${i.event}`);
    expect(steps).toEqual(['1 draft_saved', '1 draft_saved', '1 draft_saved']);

    // A save made from revision 0 (another window, say) is stale: it shows theirs, overwrites nothing.
    const stale = await lena.lib('saveDraft', { ...opened, body: 'from an old window' });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('conflict');
    expect(!stale.ok && stale.error.message).toBe('request failed with 409: "resaved" (en): draft version 1 was saved again since it was opened (revision 2, edited from 0); nothing was saved [stale_base] (current version: 1)');
    const after = (await lena.lib('getEntry', { id: 'resaved', locale: 'en' })) as { ok: true; value: LibraryEntryView };
    expect(after.value.record).toMatchObject({ version: 1, revision: 2, body: 'third words' });
    expect(after.value.localDraft?.body).toBe('from an old window');

    // Another lead's save on her draft is his own new version (authorship stays true for four eyes).
    const bo = await library(boToken);
    await bo.lib('load', { refresh: true });
    const his = (await bo.lib('saveDraft', { ...opened, baseRevision: 2, body: 'bo’s words' })) as { ok: true; value: LibraryEntryView };
    expect(his.value.record).toMatchObject({ version: 2, state: 'draft', revision: 0, author: 'bo-lead', body: 'bo’s words' });
  });

  it('says the server cannot be reached, and keeps the edit', async () => {
    const { lib } = await library(t.tokens.lead, tempDir(), 'http://127.0.0.1:9');
    const answer = await lib('saveDraft', draft('offline'));
    expect(answer.ok ? 'ok' : answer.error.code).toBe('unavailable');
    expect(!answer.ok && answer.error.message).toMatch(/^The server cannot be reached \(could not reach http:\/\/127\.0\.0\.1:9/);
  });
});
