/** The app's side of a server switch: Settings' URL change and "Resync from scratch" over IPC. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/open-core';
import { startQuietApp } from '../../helpers/quiet-app';
import { useTempDirs } from '../../helpers/temp-dir';
import { startHostileServer, testEntry, type HostileServer } from './hostile-server';
import { waitUntil } from './sync-client';

const tempDir = useTempDirs();
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

const start = () => startQuietApp(tempDir(), cleanup);

async function server(prefix: string, count: number): Promise<HostileServer> {
  const s = await startHostileServer({ epoch: `epoch-${prefix}` });
  s.publish(Array.from({ length: count }, (_, i) => testEntry(`${prefix}${i}`)));
  cleanup.push(() => s.close());
  return s;
}

const idsOf = async (core: Core) => (await core.store.all()).map((e) => e.id).sort();

describe('switching servers from the app', () => {
  it('"Resync from scratch" needs a configured server', async () => {
    const { call } = await start();
    expect(await call('resyncFromScratch', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Set a server URL and token first: there is no server to resync from.' },
    });
  });

  it('a new server URL in Settings replaces the old server entries, and "Resync from scratch" restores a tampered copy', async () => {
    const a = await server('a', 5);
    const b = await server('b', 3);
    const { core, app, call } = await start();
    expect(await call('updateSettings', { serverUrl: a.url, token: 'agent-token' })).toMatchObject({ ok: true });
    await app.sync.start();
    await waitUntil(async () => (await idsOf(core)).join() === 'a0,a1,a2,a3,a4', 5000, 'server a');

    expect(await call('updateSettings', { serverUrl: b.url })).toMatchObject({ ok: true });
    await waitUntil(async () => (await idsOf(core)).join() === 'b0,b1,b2', 5000, 'server b only');
    await waitUntil(() => app.sync.status().state === 'online', 5000, 'online');

    await core.store.upsertMany([testEntry('stray')]);
    const started = await call('resyncFromScratch', {});
    expect(started).toMatchObject({ ok: true, value: { lastError: null } });
    await waitUntil(async () => (await idsOf(core)).join() === 'b0,b1,b2', 5000, 'the stray entry gone');
  });
});
