import { describe, expect, it } from 'vitest';
import { PageCache } from '../../../server/page-cache';

describe('server page cache', () => {
  it('answers repeated small pages from memory until invalidated', async () => {
    const cache = new PageCache<string>();
    let loads = 0;
    const load = async () => ({ json: `page${++loads}`, items: 1 });
    expect(await cache.get(5, 1000, load)).toBe('page1');
    expect(await cache.get(5, 1000, load)).toBe('page1');
    expect(await cache.get(5, 10, load)).toBe('page2');
    cache.invalidate();
    expect(await cache.get(5, 1000, load)).toBe('page3');
  });

  it('never stores a page whose query started before a commit', async () => {
    const cache = new PageCache<string>();
    let release!: () => void;
    const slow = cache.get(1, 100, () => new Promise((r) => (release = () => r({ json: 'stale', items: 1 }))));
    cache.invalidate(); // a commit lands while the query runs
    release();
    expect(await slow).toBe('stale'); // its own caller may see it (it was true when asked)...
    expect(await cache.get(1, 100, async () => ({ json: 'fresh', items: 1 }))).toBe('fresh'); // ...nobody else
  });

  it('does not keep big pages', async () => {
    const cache = new PageCache<string>();
    let loads = 0;
    const load = async () => ({ json: `big${++loads}`, items: 5000 });
    await cache.get(0, 5000, load);
    expect(await cache.get(0, 5000, load)).toBe('big2');
  });
});

describe('server page cache, concurrent misses', () => {
  it('loads a page once for concurrent requests (single flight)', async () => {
    const cache = new PageCache<string>();
    let loads = 0;
    const releases: Array<() => void> = [];
    const load = () => {
      const n = ++loads;
      return new Promise<{ json: string; items: number }>((r) => releases.push(() => r({ json: `page${n}`, items: 1 })));
    };
    const answers = Array.from({ length: 10 }, () => cache.get(7, 1000, load));
    for (const release of releases) release();
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 10 }, () => 'page1'));
    expect(loads).toBe(1);
  });

  it('does not let a request after a commit join a load that started before it', async () => {
    const cache = new PageCache<string>();
    const releases: Array<() => void> = [];
    let loads = 0;
    const load = () => {
      const n = ++loads;
      return new Promise<{ json: string; items: number }>((r) => releases.push(() => r({ json: `page${n}`, items: 1 })));
    };
    const before = cache.get(7, 1000, load);
    cache.invalidate();
    const after = cache.get(7, 1000, load);
    for (const release of releases) release();
    expect([await before, await after]).toEqual(['page1', 'page2']);
  });

  it('lets the next request retry after a failed load', async () => {
    const cache = new PageCache<string>();
    await expect(cache.get(1, 10, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get(1, 10, async () => ({ json: 'ok', items: 1 }))).toBe('ok');
  });
});
