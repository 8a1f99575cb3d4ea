/**
 * Rendering never blocks the main process: templates and Markdown render in a worker thread with
 * a hard deadline; search answers meanwhile; a pathological entry gets a clear "too large or too
 * slow" answer and the next render works.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../common/knowledge';
import { RenderPool, tooLargeMessage } from '../../../main/templates/render-pool';
import { spawnRenderWorker } from '../../../main/templates/spawn-render-worker';
import { startQuietApp } from '../../helpers/quiet-app';
import { useTempDirs } from '../../helpers/temp-dir';
import { testEntry } from '../sync/hostile-server';

const tempDir = useTempDirs();
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

const TIMEOUT_MS = 1000;

const template = (id: string, body: string): KnowledgeEntry => ({ ...testEntry(id), kind: 'template', title: `Template ${id}`, body });

async function start(entries: KnowledgeEntry[]) {
  const templates = new RenderPool(spawnRenderWorker, TIMEOUT_MS);
  cleanup.push(() => templates.close());
  const { core, call } = await startQuietApp(tempDir(), cleanup, { templates });
  await core.store.upsertMany([...entries, { ...template('refund', 'Your refund of {{ amount }} is on its way.'), title: 'Refund on its way' }]);
  await core.search.ready;
  return call;
}

describe('rendering off the main thread', () => {
  it('answers a search while a slow render is in flight, then says the entry is too slow', async () => {
    const call = await start([template('slow', '{% for i in (1..5000) %}{% for j in (1..5000) %}{% endfor %}{% endfor %}Done, {{ name }}.')]);
    let renderSettled = false;
    const rendering = call('renderTemplate', { id: 'slow', locale: 'en', values: { name: 'Ana' } }).finally(() => {
      renderSettled = true;
    });
    const search = await call('search', { query: 'refund' });
    expect(renderSettled).toBe(false);
    expect(search).toMatchObject({ ok: true, value: { hits: [{ id: 'refund' }] } });
    expect(await rendering).toEqual({ ok: false, error: { code: 'template_error', message: tooLargeMessage(TIMEOUT_MS) } });
    // A fresh worker serves the next render.
    expect(await call('renderTemplate', { id: 'refund', locale: 'en', values: { amount: '12 EUR' } })).toEqual({
      ok: true,
      value: { text: 'Your refund of 12 EUR is on its way.', html: null },
    });
  });

  it('previews a 64 KB body of repeated "*a" (quadratic for Markdown emphasis) as the literal text', async () => {
    const body = '*a'.repeat(32 * 1024);
    const call = await start([template('stars', body)]);
    const entry = await call('getEntry', { id: 'stars', locale: 'en' });
    expect(entry).toMatchObject({ ok: true, value: { templateError: null, preview: { text: body } } });
  });

  it('survives a Liquid capture that doubles a string until it is huge, and renders the next entry', async () => {
    const doubling = `{% capture x %}${'x'.repeat(1000)}{% endcapture %}{% for i in (1..40) %}{% capture x %}{{ x }}{{ x }}{% endcapture %}{% endfor %}{{ x }}`;
    const call = await start([template('bomb', doubling)]);
    const result = await call('renderTemplate', { id: 'bomb', locale: 'en', values: {} });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toMatch(/^(This entry is too large or too slow to render|This entry is too large to render|This entry cannot be rendered: )/);
    expect(await call('renderTemplate', { id: 'refund', locale: 'en', values: { amount: '5 EUR' } })).toEqual({ ok: true, value: { text: 'Your refund of 5 EUR is on its way.', html: null } });
  });
});
