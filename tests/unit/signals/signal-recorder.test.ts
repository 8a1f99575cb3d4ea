/** When a search counts as found, used or missed (issue #18), with injected timers and a recording store. */
import { describe, expect, it } from 'vitest';
import { queryKey, SETTLE_MS, SignalRecorder } from '../../../main/signals/signal-recorder';
import type { SignalStore } from '../../../main/signals/signal-store';

function setup(enabled = true) {
  const counted: Array<Record<string, unknown>> = [];
  const timers: Array<{ at: number; run: () => void; live: boolean }> = [];
  let missed = 0;
  const recorder = new SignalRecorder({
    store: { count: async (s: Record<string, unknown>) => void counted.push(s) } as unknown as SignalStore,
    enabled: () => enabled,
    now: () => new Date('2026-11-29T10:00:00Z'),
    timers: {
      setTimeout: (run, ms) => {
        const timer = { at: ms, run, live: true };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        (handle as { live: boolean }).live = false;
      },
    },
    log: () => undefined,
    onMissed: () => {
      missed += 1;
    },
  });
  const fire = async () => {
    for (const t of timers.splice(0)) if (t.live) t.run();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { recorder, counted, fire, timers, missed: () => missed };
}

const hit = (id: string) => ({ id, locale: 'en' });

describe('usage signals', () => {
  it('counts only the search as it stood when the agent used an entry: its top hits as found, the use, no miss', async () => {
    const { recorder, counted, missed } = setup();
    recorder.searched('r', 'en', [hit('a'), hit('b')]);
    recorder.searched('  Refund!', 'en', [hit('a'), hit('c'), hit('d'), hit('e'), hit('f'), hit('g')]);
    await recorder.used('inserted', 'c', 'en');
    expect(counted.map((c) => `${c.kind}:${c.key}`)).toEqual(['found:a', 'found:c', 'found:d', 'found:e', 'found:f', 'inserted:c']);
    expect(counted[0]).toMatchObject({ day: '2026-11-29', locale: 'en' });
    expect(missed()).toBe(0);
  });

  it('counts a search left alone for SETTLE_MS, or ended by hiding the overlay, as missed under its normalised query', async () => {
    const { recorder, counted, fire, timers, missed } = setup();
    recorder.searched('Money  Back?', 'en', []);
    expect(timers.map((t) => t.at)).toEqual([SETTLE_MS]);
    await fire();
    recorder.searched('screen too dark', 'en', [hit('x')]);
    await recorder.ended();
    expect(counted).toEqual([
      { day: '2026-11-29', kind: 'missed', key: queryKey('money back'), locale: 'en', queryText: 'money back' },
      { day: '2026-11-29', kind: 'found', key: 'x', locale: 'en' },
      { day: '2026-11-29', kind: 'missed', key: queryKey('screen too dark'), locale: 'en', queryText: 'screen too dark' },
    ]);
    expect(missed()).toBe(2);
    await recorder.ended(); // nothing open: nothing more
    expect(counted.length).toBe(3);
  });

  it('counts nothing with reporting off', async () => {
    const { recorder, counted, timers } = setup(false);
    recorder.searched('money back', 'en', []);
    await recorder.used('copied', 'a', 'en');
    await recorder.ended();
    expect(counted).toEqual([]);
    expect(timers).toEqual([]);
  });
});
