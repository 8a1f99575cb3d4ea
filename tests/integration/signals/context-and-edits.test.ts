/**
 * Issue #18 on a real server and the agent's real app services (render worker included):
 * - a template's `{% prefill %}` fields are filled from what the agent copied or selected when the
 *   overlay opened — only with the setting on — and a pattern that backtracks past safe-regex2 costs
 *   the prefill, not the form;
 * - a reply adjusted before insert is pasted as adjusted, its edit ratio goes overlay → signal store
 *   → sender → the server's `edits` report.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TemplatePreparation, UsageReportView } from '../../../common/ipc-contract';
import * as report from '../../../main/cli/commands/report';
import { EDIT_REPORT_WINDOW_MS } from '../../../main/signals/signal-recorder';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { startQuietApp } from '../../helpers/quiet-app';
import { cli } from '../workflow/cli-helpers';
import { publishLive, sqliteServer, type TestServer } from '../server/test-server';

let t: TestServer;
const cleanup: Array<() => Promise<unknown>> = [];

const template = (id: string, body: string) => ({ id, locale: 'en', kind: 'template', title: `Title of ${id}`, body, tags: [] });

beforeAll(async () => {
  t = await sqliteServer();
  const published = await publishLive(t, {
    entries: [
      template('kb/late-order', '{% prefill order.number pattern: "[A-Z]-\\\\d{4,}" %}{% prefill name from: "selection" %}Hi {{ name }}, order {{ order.number }} is late.'),
      template('kb/backtracking', '{% prefill code pattern: "^(a|a)*$" %}Your code is {{ code }}.'),
      template('kb/refund-note', 'Hi {{ name }}, your refund is on its way.'),
      template('kb/parcel-note', 'Hi {{ name }}, your parcel left today.'),
    ],
  });
  expect(published.status).toBe(200);
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(() => t.close());

async function agent(clock = { now: new Date() }) {
  const clipboard = new MemoryClipboard();
  let reads = 0;
  const logged: string[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-context-'));
  const { core, app, call } = await startQuietApp(dataDir, cleanup, {
    clipboard,
    contextReader: {
      clipboardText: () => ((reads += 1), clipboard.clipboardText()),
      selectionText: () => clipboard.selectionText(),
    },
    log: (message) => void logged.push(message),
    now: () => clock.now,
  });
  await core.settings.update({ serverUrl: t.url, token: t.tokens.agent });
  expect((await app.sync.syncNow()).ok).toBe(true);
  const prepare = async (id: string) => {
    const answer = await call('prepareTemplate', { id, locale: 'en' });
    if (!answer.ok) throw new Error(answer.error.message);
    const preparation = answer.value as TemplatePreparation;
    if (!preparation.ok) throw new Error(preparation.message);
    return preparation.variables;
  };
  return { core, app, call, clipboard, prepare, logged, reads: () => reads };
}

describe('variables filled from context', () => {
  it('prefills the declared fields from the clipboard and the selection read when the overlay opened', async () => {
    const { core, app, clipboard, prepare } = await agent();
    await core.settings.update({ contextCapture: true });
    clipboard.content = { text: 'Customer: where is order B-20931?\u200b', html: null };
    clipboard.selection = 'Grace\u202e';
    await app.services.overlayShown();
    clipboard.content = { text: 'copied after the overlay opened: C-99999', html: null }; // not the context
    expect(await prepare('kb/late-order')).toEqual([
      { name: 'name', label: 'Name', type: 'text', defaultValue: null, context: { from: 'selection', pattern: null }, prefill: { value: 'Grace', source: 'selection' } },
      {
        name: 'order.number',
        label: 'Order number',
        type: 'text',
        defaultValue: null,
        context: { from: 'clipboard', pattern: '[A-Z]-\\d{4,}' },
        prefill: { value: 'B-20931', source: 'clipboard' },
      },
    ]);
  });

  it('reads neither clipboard nor selection with the setting off (the default)', async () => {
    const { core, app, clipboard, prepare, reads } = await agent();
    expect(core.settings.view().contextCapture).toBe(false);
    clipboard.content = { text: 'order B-20931', html: null };
    await app.services.overlayShown();
    expect((await prepare('kb/late-order')).map((v) => v.prefill)).toEqual([undefined, undefined]);
    expect(reads()).toBe(0);
  });

  it('opens the form without the value when a pattern backtracks past the deadline, and the next template still works', async () => {
    const { core, app, clipboard, prepare, logged } = await agent();
    await core.settings.update({ contextCapture: true });
    clipboard.content = { text: `${'a'.repeat(40)}b A-12345`, html: null };
    await app.services.overlayShown();
    expect(await prepare('kb/backtracking')).toEqual([
      { name: 'code', label: 'Code', type: 'text', defaultValue: null, context: { from: 'clipboard', pattern: '^(a|a)*$' } },
    ]);
    expect(logged.filter((line) => line.startsWith('context: no prefill for kb/backtracking (en): This entry is too large or too slow'))).toHaveLength(1);
    expect((await prepare('kb/late-order')).map((v) => v.prefill)).toEqual([undefined, { value: 'A-12345', source: 'clipboard' }]);
  });
});

const later = (clock: { now: Date }, ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
};

async function editsReport(): Promise<unknown[]> {
  const edits = await cli(report, ['edits', '--json', '--server', t.url, '--token', t.tokens.lead]);
  expect(edits.code).toBe(0);
  return edits.out.map((line) => JSON.parse(line) as unknown);
}

describe('edits after insert', () => {
  it('pastes the adjusted reply and sends its edit ratio to the edits report once the window for a later report closed; a plain insert counts no edit', async () => {
    const clock = { now: new Date() };
    const { app, call, clipboard } = await agent(clock);
    const values = { name: 'Ada', 'order.number': 'A-1042' };
    // "Hi Ada, order A-1042 is late." (29) → "…late. Sorry!" (36): 7 characters added, 7 / 36.
    const inserted = await call('insertReply', { id: 'kb/late-order', locale: 'en', values, adjustedText: 'Hi Ada, order A-1042 is late. Sorry!\u202e' });
    expect(inserted.ok).toBe(true);
    expect(clipboard.content).toEqual({ text: 'Hi Ada, order A-1042 is late. Sorry!', html: null });
    expect((await call('insertReply', { id: 'kb/late-order', locale: 'en', values })).ok).toBe(true);
    expect((await call('insertReply', { id: 'kb/late-order', locale: 'en', values, adjustedText: 'Hi Ada, order A-1042 is late.' })).ok).toBe(true);
    await app.signals.flush();
    // Held while the agent may still report a later edit of those replies.
    expect(await editsReport()).toEqual([]);
    later(clock, EDIT_REPORT_WINDOW_MS);
    await app.signals.flush();

    // Two adjusted inserts (7/36 = 0.1944 and 0), mean 0.0972.
    expect(await editsReport()).toEqual([
      { id: 'kb/late-order', locale: 'en', title: 'Title of kb/late-order', edits: 2, meanEditRatio: 0.097 },
    ]);
    const usage = await cli(report, ['usage', '--json', '--server', t.url, '--token', t.tokens.lead]);
    expect(usage.out.map((line) => JSON.parse(line) as { id: string; inserted: number }).find((row) => row.id === 'kb/late-order')?.inserted).toBe(3);
  });

  it('refuses an empty adjusted reply and inserts nothing', async () => {
    const { call, clipboard } = await agent();
    const answer = await call('insertReply', { id: 'kb/late-order', locale: 'en', values: { name: 'Ada', 'order.number': 'A-1' }, adjustedText: ' \u200b\n' });
    expect(answer).toEqual({ ok: false, error: { code: 'bad_request', message: 'The adjusted reply is empty: there is nothing to insert.' } });
    expect(clipboard.content).toEqual({ text: '', html: null });
  });
});

describe('reporting an edit after the reply went out', () => {
  const values = { name: 'Ada' };
  const edited = async (call: Awaited<ReturnType<typeof agent>>['call']) => {
    const answer = await call('getUsageReport', {});
    if (!answer.ok) throw new Error(answer.error.message);
    return (answer.value as UsageReportView).items.filter((item) => item.kind === 'edited');
  };

  it('counts one edit per insert: a later report replaces the earlier ratio, and only the number leaves', async () => {
    const clock = { now: new Date() };
    const { app, call, logged } = await agent(clock);
    const sent = 'Hi Ada, your refund is on its way.'; // 34 characters
    expect((await call('insertReply', { id: 'kb/refund-note', locale: 'en', values })).ok).toBe(true);
    later(clock, 60_000);
    const until = new Date(clock.now.getTime() - 60_000 + EDIT_REPORT_WINDOW_MS).toISOString();
    expect(await call('lastReply', {})).toEqual({
      ok: true,
      value: { id: 'kb/refund-note', locale: 'en', title: 'Title of kb/refund-note', delivery: 'inserted', text: sent, until },
    });
    // What the agent ended up sending: "refund" → "money" (6 → 5: 6 edits over 34).
    const first = await call('reportEdit', { text: 'Hi Ada, your money is on its way.\u200b' });
    expect(first).toEqual({
      ok: true,
      value: { id: 'kb/refund-note', locale: 'en', ratio: 0.1765, message: 'Edit reported for “Title of kb/refund-note”: 18% changed. Only this number is sent, not the text.' },
    });
    // Corrected: 8 characters appended to the 34 (8 / 42).
    const second = await call('reportEdit', { text: `${sent} Thanks!` });
    expect(second.ok && (second.value as { ratio: number }).ratio).toBe(0.1905);
    const day = clock.now.toISOString().slice(0, 10);
    const held = { day, kind: 'edited', key: 'kb/refund-note', locale: 'en', n: 1, ratioSum: 0.1905 };
    expect(await edited(call)).toEqual([{ ...held, queryText: null, waiting: false, heldUntil: until, sentAs: JSON.stringify(held) }]);

    await app.signals.flush(); // still held: nothing about it leaves yet
    expect((await editsReport()).filter((row) => (row as { id: string }).id === 'kb/refund-note')).toEqual([]);
    later(clock, EDIT_REPORT_WINDOW_MS);
    await app.signals.flush();
    expect((await editsReport()).filter((row) => (row as { id: string }).id === 'kb/refund-note')).toEqual([
      { id: 'kb/refund-note', locale: 'en', title: 'Title of kb/refund-note', edits: 1, meanEditRatio: 0.191 },
    ]);
    expect(await edited(call)).toEqual([]);
    expect(logged.filter((line) => line.includes('money') || line.includes('Thanks'))).toEqual([]);
  });

  it('refuses a report once the window has closed, with a clear message, and offers no reply to report any more', async () => {
    const clock = { now: new Date() };
    const { call } = await agent(clock);
    expect(await call('reportEdit', { text: 'anything' })).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'There is no inserted or copied reply to report an edit for.' },
    });
    expect((await call('insertReply', { id: 'kb/refund-note', locale: 'en', values })).ok).toBe(true);
    later(clock, EDIT_REPORT_WINDOW_MS + 1);
    expect(await call('lastReply', {})).toEqual({ ok: true, value: null });
    expect(await call('reportEdit', { text: 'Hi Ada, your money is on its way.' })).toEqual({
      ok: false,
      error: { code: 'bad_request', message: '“Title of kb/refund-note” went out more than 10 minutes ago: its edit can no longer be reported.' },
    });
    expect(await edited(call)).toEqual([]);
  });

  it('copies the adjusted reply as plain text without invisible controls, counted as a copy with its edit ratio', async () => {
    const clock = { now: new Date() };
    const { call, clipboard } = await agent(clock);
    const copied = await call('copyReply', { id: 'kb/parcel-note', locale: 'en', values, adjustedText: 'Hi Ada, your parcel left today!\u202e\u200b' });
    expect(copied).toEqual({ ok: true, value: { text: 'Hi Ada, your parcel left today!', html: null } });
    expect(clipboard.content).toEqual({ text: 'Hi Ada, your parcel left today!', html: null });
    const mine = async () => {
      const answer = await call('getUsageReport', {});
      const items = answer.ok ? (answer.value as UsageReportView).items : [];
      return items.filter((item) => item.key === 'kb/parcel-note').map(({ kind, n, ratioSum }) => ({ kind, n, ratioSum }));
    };
    // "." → "!": one character of 31. (Counted after the copy answered.)
    await expect.poll(mine).toEqual([
      { kind: 'copied', n: 1, ratioSum: null },
      { kind: 'edited', n: 1, ratioSum: 0.0323 },
    ]);
    expect(await call('lastReply', {})).toMatchObject({ ok: true, value: { id: 'kb/parcel-note', delivery: 'copied', text: 'Hi Ada, your parcel left today!' } });
    expect(await call('copyReply', { id: 'kb/parcel-note', locale: 'en', values, adjustedText: '\u200b ' })).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'The adjusted reply is empty: there is nothing to copy.' },
    });
  });
});
