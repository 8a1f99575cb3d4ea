import { describe, expect, it } from 'vitest';
import type { LoadedPolicy } from '../../../main/settings/policy';
import { PolicyWatcher, POLICY_REFRESH_MS } from '../../../main/settings/policy-watcher';

function harness(initial: LoadedPolicy) {
  let next = initial;
  const policies: unknown[] = [];
  const problems: string[][] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const watcher = new PolicyWatcher(
    {
      load: () => Promise.resolve(next),
      onPolicy: (p) => policies.push(p),
      onProblems: (p) => problems.push(p),
      setInterval: (callback, ms) => (timers.push({ callback, ms }), timers.length),
      clearInterval: () => undefined,
    },
    initial,
  );
  return { watcher, policies, problems, timers, set: (loaded: LoadedPolicy) => (next = loaded) };
}

describe('PolicyWatcher', () => {
  it('re-reads every two minutes and applies a policy that arrived after start-up', async () => {
    const h = harness({ policy: {}, problems: [] });
    h.watcher.start();
    expect(h.timers.map((t) => t.ms)).toEqual([POLICY_REFRESH_MS]);
    h.set({ policy: { serverUrl: 'https://kb.example.com' }, problems: [] });
    h.timers[0]!.callback();
    await h.watcher.refresh();
    expect(h.policies).toEqual([{ serverUrl: 'https://kb.example.com' }]);
  });

  it('does not re-apply an unchanged policy (key order does not matter)', async () => {
    const h = harness({ policy: { locale: 'en', pasteMode: 'copy' }, problems: [] });
    h.set({ policy: { pasteMode: 'copy', locale: 'en' }, problems: [] });
    await h.watcher.refresh();
    expect(h.policies).toEqual([]);
  });

  it('reports a problem once, and again only after it was fixed and came back', async () => {
    const h = harness({ policy: {}, problems: ['bad serverUrl'] });
    await h.watcher.refresh();
    expect(h.problems).toEqual([]);
    h.set({ policy: {}, problems: ['bad serverUrl', 'bad locale'] });
    await h.watcher.refresh();
    await h.watcher.refresh();
    expect(h.problems).toEqual([['bad locale']]);
    h.set({ policy: {}, problems: [] });
    await h.watcher.refresh();
    h.set({ policy: {}, problems: ['bad locale'] });
    await h.watcher.refresh();
    expect(h.problems).toEqual([['bad locale'], ['bad locale']]);
  });
});
