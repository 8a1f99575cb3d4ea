import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../common/ipc-channels';
import { CHANNELS, type RenderedReply } from '../../../common/ipc-contract';
import { createAppServices } from '../../../main/core/app-services';
import { openCore, type Core } from '../../../main/core/open-core';
import { sampleKnowledgeBase } from '../../../main/sample-kb/sample-kb';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
/** The sample "cancel an unshipped order" reply as pasted, for a name and an order number. */
const cancelReply = (name: string, order: string) => `Hi ${name},\n\nThanks for getting in touch. Since your order ${order} had not shipped yet, we have cancelled it for you, and nothing will be sent.\n\nYou will receive a full refund to your original payment method within 3–5 business days. Depending on your bank, it may take a little longer to show on your statement.\n\nWe're sorry to see this order go. As a thank-you for your patience, here is a free-shipping code for your next order: FREESHIP-NEXT\n\nBest regards,\nThe Northwind Outfitters team`;
const SAMPLE_ENTRIES = sampleKnowledgeBase().length;
const cipher = { encrypt: (t: string) => t.split('').reverse().join(''), decrypt: (s: string) => s.split('').reverse().join('') };
const opened: Core[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

async function start(dataDir = tempDir(), now?: () => Date) {
  const logged: unknown[][] = [];
  const log = (message: string, error?: unknown) => void logged.push(error === undefined ? [message] : [message, error]);
  const core = await openCore({ dataDir, cipher, seedSample: true, log, now });
  opened.push(core);
  await core.search.ready;
  const clipboard = new MemoryClipboard({ text: 'what the agent had copied', html: null });
  const pasted: RenderedReply[] = [];
  const links: string[] = [];
  let hides = 0;
  let logFolderOpens = 0;
  const app = await createAppServices(core, {
    clipboard,
    contextReader: clipboard,
    overlay: { hide: async () => void (hides += 1) },
    links: { open: async (url) => void links.push(url) },
    platform: 'linux',
    env: {},
    fetch: globalThis.fetch,
    pasteStrategy: {
      name: 'fake',
      available: async () => true,
      paste: async () => {
        pasted.push(clipboard.content);
        return { shortcut: 'Ctrl+V' };
      },
    },
    log,
    logFolder: { open: async () => void (logFolderOpens += 1) },
    libraryWindow: { open: async () => undefined, isOpen: () => false, send: () => undefined },
  });
  const call = (key: keyof typeof CHANNELS, payload?: unknown) => app.router.dispatch(CHANNELS[key], APP_ENTRY_URL, payload);
  return { core, app, call, pasted, links, logged, clipboard: () => clipboard.content, hides: () => hides, logFolderOpens: () => logFolderOpens };
}

describe('the working slice on the real core', () => {
  it('loads the embedded sample knowledge base on first run, once', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const count = await first.core.store.count();
    expect(count).toBe(SAMPLE_ENTRIES);
    expect(await first.core.store.locales()).toEqual(['de', 'en', 'es', 'fr', 'id']);
    await first.core.close();
    opened.length = 0;
    const second = await start(dir);
    expect(await second.core.store.count()).toBe(count);
  });

  it('finds the reply for "cancel not shipped" first and inserts it filled', async () => {
    const { call, pasted, hides } = await start();
    const search = await call('search', { query: 'cancel not shipped' });
    expect(search.ok).toBe(true);
    if (!search.ok) return;
    const [first] = (search.value as { hits: Array<{ id: string; kind: string }> }).hits;
    expect(first).toMatchObject({ id: 'tpl/cancel-unshipped-order', kind: 'template' });

    const prepared = await call('prepareTemplate', { id: 'tpl/cancel-unshipped-order', locale: 'en' });
    expect(prepared).toMatchObject({ ok: true, value: { ok: true } });
    if (!prepared.ok) return;
    const names = (prepared.value as { variables: Array<{ name: string }> }).variables.map((v) => v.name);
    expect(names).toEqual(['customer.first_name', 'order.number']);

    const insert = await call('insertReply', {
      id: 'tpl/cancel-unshipped-order',
      locale: 'en',
      values: { 'customer.first_name': 'Ana', 'order.number': 'NW-20417' },
    });
    expect(insert).toEqual({ ok: true, value: expect.objectContaining({ delivery: 'pasted' }) });
    expect(hides()).toBe(1);
    expect(pasted).toHaveLength(1);
    expect(pasted[0]?.text).toBe(cancelReply('Ana', 'NW-20417'));
    expect(pasted[0]?.html).toBe(
      [
        '<p>Hi Ana,</p>',
        '<p>Thanks for getting in touch. Since your order NW-20417 had not shipped yet, we have cancelled it for you, and nothing will be sent.</p>',
        '<p>You will receive a <strong>full refund</strong> to your original payment method within 3–5 business days. Depending on your bank, it may take a little longer to show on your statement.</p>',
        '<p>We&#39;re sorry to see this order go. As a thank-you for your patience, here is a free-shipping code for your next order: <strong>FREESHIP-NEXT</strong></p>',
        '<p>Best regards,<br>The Northwind Outfitters team</p>',
        '',
      ].join('\n'),
    );
  });

  it('answers in the agent language, from the settings', async () => {
    const { call } = await start();
    await call('updateSettings', { locale: 'fr' });
    const search = await call('search', { query: 'annuler commande pas expédiée' });
    if (!search.ok) throw new Error(search.error.message);
    const hits = (search.value as { hits: Array<{ id: string; locale: string }> }).hits;
    expect(hits[0]).toMatchObject({ id: 'tpl/cancel-unshipped-order', locale: 'fr' });
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
  });

  it('lists recent and frequent entries for an empty query', async () => {
    const { call } = await start();
    const empty = await call('search', { query: '' });
    expect(empty).toMatchObject({ ok: true, value: { hits: [], recent: true } });
    await call('recordUse', { id: 'tpl/refund-status', locale: 'en' });
    await call('recordUse', { id: 'tpl/refund-status', locale: 'en' });
    await call('recordUse', { id: 'kb/return-policy', locale: 'en' });
    const recent = await call('search', { query: '' });
    if (!recent.ok) throw new Error(recent.error.message);
    expect((recent.value as { hits: Array<{ id: string }> }).hits.map((h) => h.id)).toEqual(['tpl/refund-status', 'kb/return-policy']);
  });

  it('filters the recent list by tags and kind, as a search is', async () => {
    const { call } = await start();
    await call('recordUse', { id: 'tpl/refund-status', locale: 'en' });
    await call('recordUse', { id: 'kb/return-policy', locale: 'en' });
    await call('recordUse', { id: 'tpl/cancel-unshipped-order', locale: 'en' });
    const ids = async (request: object) => {
      const result = await call('search', { query: '', ...request });
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as { hits: Array<{ id: string }>; recent: boolean }).hits.map((h) => h.id);
    };
    expect(await ids({ tags: ['returns'] })).toEqual(['kb/return-policy']);
    expect(await ids({ tags: ['refunds', 'payments'] })).toEqual(['tpl/refund-status']);
    expect(await ids({ kind: 'template', tags: ['shipping'] })).toEqual(['tpl/cancel-unshipped-order']);
    expect(await ids({ kind: 'article' })).toEqual(['kb/return-policy']);
  });

  it('copies a template with visible markers for unfilled variables', async () => {
    const { call, clipboard } = await start();
    const copied = await call('copyEntry', { id: 'tpl/cancel-unshipped-order', locale: 'en' });
    expect(copied.ok).toBe(true);
    expect(clipboard().text).toBe(cancelReply('[Customer first name]', '[Order number]'));
  });

  it('refuses to insert a template with missing values, rendering nothing half-way', async () => {
    const { call, pasted } = await start();
    const result = await call('insertReply', { id: 'tpl/cancel-unshipped-order', locale: 'en', values: { 'customer.first_name': 'Ana' } });
    expect(result).toEqual({ ok: false, error: { code: 'template_error', message: 'Fill in “Order number”.' } });
    expect(pasted).toHaveLength(0);
  });

  it('opens only https and mailto links', async () => {
    const { call, links } = await start();
    const refused = { ok: false, error: { code: 'bad_request', message: 'Only https: and mailto: links can be opened from Cuecard.' } };
    expect(await call('openLink', { url: 'javascript:alert(1)' })).toEqual(refused);
    expect(await call('openLink', { url: 'file:///etc/passwd' })).toEqual(refused);
    expect(await call('openLink', { url: 'https://agent:pw@evil.example/' })).toEqual(refused);
    expect(await call('openLink', { url: 'https://help.northwind.example/returns' })).toEqual({ ok: true, value: { opened: true } });
    expect(links).toEqual(['https://help.northwind.example/returns']);
  });

  it('reports status with entry count, locales and sync state', async () => {
    const { call } = await start();
    const status = await call('getStatus');
    expect(status).toMatchObject({ ok: true, value: { locales: ['de', 'en', 'es', 'fr', 'id'], sync: { state: 'not_configured' } } });
  });

  it('moves a file that is not a database aside, tells the agent, and starts fresh', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'cuecard.db'), 'this is not sqlite, but someone may need it');
    const { call, core } = await start(dir, () => new Date('2026-03-04T05:06:07.000Z'));
    const notice = `The file ${path.join(dir, 'cuecard.db')} is not a SQLite database. It was moved aside to ${path.join(dir, 'cuecard.db')}.corrupt-2026-03-04T05-06-07-000Z and a fresh database was created.`;
    expect(core.notices).toEqual([notice]);
    const status = await call('getStatus');
    if (!status.ok) throw new Error(status.error.message);
    expect((status.value as { notices: string[] }).notices).toEqual([notice]);
    expect(await core.store.count()).toBe(SAMPLE_ENTRIES);
  });

  it('takes the sample knowledge base out once a real server is configured', async () => {
    const { call, core, app } = await start();
    expect(await core.store.count()).toBe(SAMPLE_ENTRIES);
    await call('updateSettings', { serverUrl: 'http://127.0.0.1:9', token: 'agent-token' });
    await expect.poll(() => core.store.count(), { timeout: 5000 }).toBe(0);
    await app.sync.stop();
  });
});
