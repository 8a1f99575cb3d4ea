/** Reconnection timing with injected timers, random and a fetch that always fails. */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/store/database';
import { MetaEntity } from '../../../main/store/entities';
import { KeyValueStore } from '../../../main/store/key-value-store';
import { KnowledgeStore } from '../../../main/store/knowledge-store';
import { SyncEngine } from '../../../main/sync/sync-engine';

describe('sync engine reconnection', () => {
  let db: Database;
  afterEach(async () => {
    await db.close();
  });

  it('backs off exponentially with jitter up to the ceiling, and stops on stop()', async () => {
    ({ db } = await openDatabase({ file: ':memory:' }));
    const timers: Array<{ ms: number; fn: () => void; cleared: boolean }> = [];
    let onTimer = (): void => undefined;
    const engine = new SyncEngine({
      store: new KnowledgeStore(db),
      meta: new KeyValueStore(db, MetaEntity),
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
      now: () => new Date('2026-01-01T00:00:00Z'),
      config: () => ({ serverUrl: 'http://127.0.0.1:9', token: 't' }),
      random: () => 0.5,
      log: () => undefined,
      setTimeout: (fn, ms) => {
        const timer = { ms, fn, cleared: false };
        timers.push(timer);
        onTimer();
        return timer;
      },
      clearTimeout: (handle) => {
        (handle as { cleared: boolean }).cleared = true;
      },
      backoffInitialMs: 1000,
      backoffMaxMs: 8000,
      pollIntervalMs: 300_000,
      streamIdleTimeoutMs: 45_000,
    });
    await engine.start();
    const reconnectDelays: number[] = [];
    const isReconnect = (t: { ms: number; cleared: boolean }) => !t.cleared && t.ms !== 300_000 && t.ms !== 45_000;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      // Timers other than the poll (300 s) and stream idle watchdogs (45 s) are reconnects.
      // Wait for the engine to schedule it (an event, not a clock): every fake setTimeout wakes us.
      while (!timers.some(isReconnect)) await new Promise<void>((resolve) => (onTimer = resolve));
      const reconnect = timers.find(isReconnect);
      if (!reconnect) throw new Error('no reconnect scheduled');
      reconnectDelays.push(reconnect.ms);
      reconnect.cleared = true;
      reconnect.fn();
    }
    // ceiling/2 + ceiling/2 * 0.5 with ceilings 1, 2, 4, 8, 8, 8 s
    expect(reconnectDelays).toEqual([750, 1500, 3000, 6000, 6000, 6000]);
    expect(engine.status().state).toBe('offline');
    expect(engine.status().lastError).toBe('lost the connection to the server: fetch failed');
    await engine.stop();
    expect(timers.filter((t) => !t.cleared && t.ms !== 45_000)).toEqual([]);
  });
});
