/**
 * The Library's bulk import and live refresh in main against a real server (issue #14): a dry run
 * of a file lists created / changed / left and each bad row by number, submits nothing while a row
 * is bad unless skipped explicitly, then submits for review; the file comes from main's dialog
 * (read in main) or the page's file input. What another lead changes reaches the open Library:
 * drafts and submissions by a poll of the server's history, live changes from the sync.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { LIBRARY_CHANNELS, LIBRARY_ENTRY_URL, type LibraryChannelKey } from '../../../common/library-channels';
import type { LibraryEvent, LibraryResponseTypes } from '../../../common/library-contract';
import type { IpcResult } from '../../../common/ipc-contract';
import { MAX_IMPORT_CHARS } from '../../../common/import/sources';
import type { AppPorts } from '../../../main/core/app-services';
import { readImportFile } from '../../../main/shell/import-file-dialog';
import { api, publishLive, sqliteServer, type TestServer } from '../server/test-server';
import { startQuietApp } from '../../helpers/quiet-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('cuecard-library-import-');

const CSV = [
  'id,locale,kind,title,body,tags',
  'imp/same,en,article,Opening hours,"Monday to Friday, 9 to 5.",hours',
  'imp bad,en,article,Broken,"An id with a space",',
  'imp/moved,en,article,Returns,Within 30 days.,returns',
  'imp/new,en,article,Gift cards,Enter the code at checkout.,payment',
].join('\n');

describe('Library bulk import and live refresh in main', () => {
  let t: TestServer;
  let boToken: string;
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    t = await sqliteServer();
    boToken = await t.server.tokens.create('bo-lead', 'lead');
    const live = await publishLive(t, {
      entries: [
        { id: 'imp/same', locale: 'en', kind: 'article', title: 'Opening hours', body: 'Monday to Friday, 9 to 5.', tags: ['hours'] },
        { id: 'imp/moved', locale: 'en', kind: 'article', title: 'Returns', body: 'Within 14 days.', tags: ['returns'] },
      ],
    });
    expect(live.status).toBe(200);
  });
  afterAll(async () => t.close());
  afterEach(async () => {
    while (cleanup.length > 0) await cleanup.pop()?.();
  });

  async function library(token: string, ports: Partial<AppPorts> = {}) {
    const app = await startQuietApp(tempDir(), cleanup, ports);
    app.app.library.live.stop(); // the tests poll themselves
    await app.core.settings.update({ serverUrl: t.url, token });
    const lib = <K extends LibraryChannelKey>(key: K, payload?: unknown) =>
      app.app.libraryRouter.dispatch(LIBRARY_CHANNELS[key], LIBRARY_ENTRY_URL, payload ?? null) as Promise<IpcResult<LibraryResponseTypes[K]>>;
    return { ...app, lib };
  }
  const queued = async () =>
    ((await api(t.url, t.tokens.lead, 'GET', '/v1/queue')).json as { items: Array<{ id: string; reason: string }> }).items
      .filter((i) => i.reason === 'in_review' && i.id.startsWith('imp'))
      .map((i) => i.id)
      .sort();

  it('a dry run lists created / changed / left and the bad row by number; nothing is submitted until the bad row is skipped explicitly', async () => {
    const { lib } = await library(t.tokens.lead);
    const dry = await lib('importText', { format: 'csv', name: 'kb.csv', text: CSV });
    if (!dry.ok) throw new Error(dry.error.message);
    expect(dry.value).toMatchObject({ file: 'kb.csv', format: 'csv', readable: true, counts: { created: 1, changed: 1, left: 1, bad: 1 } });
    expect(dry.value.bad).toEqual(['row 3: id: must not contain whitespace or control characters']);
    expect(dry.value.rows.map((r) => `${r.action} ${r.id} ${r.from}: ${r.reason}`)).toEqual([
      'left imp/same row 2: same as live version 1',
      'changed imp/moved row 4: body differs from live version 1',
      'created imp/new row 5: new entry',
    ]);
    expect(await queued()).toEqual([]);

    const refused = await lib('importSubmit', { planId: dry.value.planId, skipBadRows: false });
    expect(refused).toEqual({ ok: true, value: { status: 'refused', message: '1 bad record(s); nothing was submitted: fix them, or skip them explicitly ("Skip bad rows")' } });
    expect(await queued()).toEqual([]);

    const submitted = await lib('importSubmit', { planId: dry.value.planId, skipBadRows: true });
    expect(submitted).toEqual({
      ok: true,
      value: { status: 'submitted', file: 'kb.csv', counts: { created: 1, changed: 1, left: 1, bad: 1 }, submitted: 2, skipped: ['row 3: id: must not contain whitespace or control characters'] },
    });
    expect(await queued()).toEqual(['imp/moved', 'imp/new']);
    // A plan is submitted once.
    expect(await lib('importSubmit', { planId: dry.value.planId, skipBadRows: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('reads the file main chose in its dialog (the page never names a path); without a dialog it says to use the File field', async () => {
    const file = path.join(tempDir(), 'macros.json');
    fs.writeFileSync(file, JSON.stringify({ macros: [{ id: 42, title: 'Greeting', actions: [{ field: 'comment_value', value: 'Hi {{ticket.requester.first_name}}' }] }] }));
    const chosen: Array<string | null> = [file, null];
    const { lib } = await library(t.tokens.lead, {
      importFile: {
        choose: async () => {
          const next = chosen.shift() ?? null;
          return next === null ? null : { name: path.basename(next), text: await readImportFile(next) };
        },
      },
    });
    expect((await lib('session')).ok && (await lib('session'))).toMatchObject({ ok: true, value: { importDialog: true, maxImportChars: MAX_IMPORT_CHARS } });
    const dry = await lib('importChoose', { format: 'zendesk' });
    expect(dry.ok && dry.value).toMatchObject({ file: 'macros.json', counts: { created: 1, changed: 0, left: 0, bad: 0 } });
    expect(dry.ok && dry.value?.rows).toEqual([
      { from: 'macro 1 (id 42)', action: 'created', reason: 'new entry', id: 'zendesk/macro/42', locale: 'en', kind: 'template', title: 'Greeting' },
    ]);
    expect(await lib('importChoose', { format: 'zendesk' })).toEqual({ ok: true, value: null });

    const plain = await library(t.tokens.lead);
    expect(await plain.lib('importChoose', { format: 'csv' })).toEqual({ ok: false, error: { code: 'bad_request', message: 'No file dialog here: choose the file with the File field.' } });
    // An agent's session is refused here too, and a payload that is not the contract's.
    const agent = await library(t.tokens.agent);
    expect(await agent.lib('importText', { format: 'csv', name: 'kb.csv', text: CSV })).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
    expect(await plain.lib('importText', { format: 'excel', name: 'kb.xlsx', text: '' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('reads a chosen file only up to the import limit, and only as UTF-8', async () => {
    const big = path.join(tempDir(), 'big.csv');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_IMPORT_CHARS + 1); // sparse: nothing of it is read
    await expect(readImportFile(big)).rejects.toThrow(`big.csv is 67,108,865 bytes, over the 67,108,864 one import takes; split it.`);
    const latin1 = path.join(tempDir(), 'latin1.csv');
    fs.writeFileSync(latin1, Buffer.from('id,locale,title,body\nkb/caf\xe9,en,Caf\xe9,Men\xfc\n', 'latin1'));
    await expect(readImportFile(latin1)).rejects.toThrow('latin1.csv is not UTF-8 text; save it as UTF-8 (in Excel: "CSV UTF-8") and choose it again.');
  });

  it('another lead’s draft or submission reaches the open Library by the poll; a live change by the sync, at once', async () => {
    const events: LibraryEvent[] = [];
    const lena = await library(t.tokens.lead, { libraryWindow: { open: async () => undefined, isOpen: () => true, send: (e) => events.push(e) } });
    await lena.app.sync.syncNow(); // her overlay's copy is up to date: what follows is news
    expect((await lena.lib('load', { refresh: true })).ok).toBe(true);
    events.length = 0;
    await lena.app.library.live.poll();
    expect(events).toEqual([]); // nothing moved

    expect((await api(t.url, boToken, 'POST', '/v1/entries', { id: 'live/bo', locale: 'en', kind: 'article', title: 'Bo’s entry', body: 'Text', tags: [] })).status).toBe(200);
    await lena.app.library.live.poll();
    expect(events).toEqual([{ type: 'changed', ids: ['live/bo'] }]);
    const rows = await lena.lib('load', { refresh: false });
    expect(rows.ok && rows.value.rows.find((r) => r.id === 'live/bo')).toMatchObject({ state: 'in_review', author: 'bo-lead', title: 'Bo’s entry' });

    // Approved by an admin elsewhere: the sync (the agents' stream) brings it; the Library hears it without a poll.
    expect((await api(t.url, t.tokens.admin, 'POST', '/v1/entries/live%2Fbo/approve', { locale: 'en' })).status).toBe(200);
    events.length = 0;
    await lena.app.sync.syncNow();
    await expect.poll(() => events).toEqual([{ type: 'changed', ids: ['live/bo'] }]);
    const after = await lena.lib('load', { refresh: false });
    expect(after.ok && after.value.rows.find((r) => r.id === 'live/bo')).toMatchObject({ state: 'approved' });
  });
});
