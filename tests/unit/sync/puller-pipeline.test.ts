/**
 * The pull's pipeline (main/sync/puller.ts): page N+1 is fetched while page N's signatures are
 * still being checked, yet N+1 settles (its rollback check reads the store) only after N is stored.
 */
import { describe, expect, it } from 'vitest';
import { pull, type PageScreen } from '../../../main/sync/puller';
import { realTimers } from '../../../main/sync/timers';
import type { VerifiedPage } from '../../../main/sync/verify-page';
import { wireEntry as entry } from '../../helpers/wire-entry';

/** Three pages of two entries each: seq 1–2, 3–4, 5–6. */
const pageAfter = (after: number) => ({
  epoch: 'E',
  after,
  latestSeq: 6,
  items: [after + 1, after + 2].map((seq) => ({ seq, op: 'upsert', id: `e${seq}`, locale: 'en', entry: entry(`e${seq}`) })),
  nextCursor: after + 2,
  hasMore: after + 2 < 6,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('pull: fetch ahead of the signature checks, settle behind the store', () => {
  it('asks for the next page before this page has settled, and settles it only after this page is stored', async () => {
    const log: string[] = [];
    const checks = new Map<number, ReturnType<typeof deferred<void>>>();
    const fakeFetch = (async (input: string | URL | Request) => {
      const after = Number(new URL(String(input)).searchParams.get('after'));
      log.push(`fetch ${after}`);
      return new Response(JSON.stringify(pageAfter(after)), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const screen: PageScreen = {
      prepare: () => undefined,
      screen: (page: VerifiedPage) => {
        const check = deferred<void>();
        checks.set(page.after, check);
        log.push(`screen ${page.after}`);
        return {
          settle: async () => {
            log.push(`settle ${page.after}`);
            await check.promise;
            return page;
          },
        };
      },
    };
    const deps = { fetch: fakeFetch, timers: realTimers, pageSize: 2, requestTimeoutMs: 5000, maxPageBytes: 1 << 20, screen };
    const done = pull(deps, { serverUrl: 'http://127.0.0.1:9', token: 't' }, { cursor: 0, epoch: null }, async (page) => {
      log.push(`store ${page.after}`);
    }, () => undefined);

    // Page 1's checks are still running, and page 2 has already been fetched and its checks begun.
    await waitFor(() => log.includes('screen 2'));
    expect(log).toEqual(['fetch 0', 'screen 0', 'fetch 2', 'settle 0', 'screen 2']);
    for (const after of [0, 2, 4]) {
      await waitFor(() => checks.has(after));
      checks.get(after)?.resolve();
    }
    expect(await done).toMatchObject({ applied: 6, position: { cursor: 6, epoch: 'E' } });
    // Each page settles only after the one before it is stored (its rollback check reads the store).
    expect(log.indexOf('settle 2')).toBeGreaterThan(log.indexOf('store 0'));
    expect(log.indexOf('settle 4')).toBeGreaterThan(log.indexOf('store 2'));
    expect(log.filter((l) => l.startsWith('store'))).toEqual(['store 0', 'store 2', 'store 4']);
    expect(log.filter((l) => l.startsWith('fetch'))).toEqual(['fetch 0', 'fetch 2', 'fetch 4']);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setImmediate(r));
  if (!condition()) throw new Error('condition not met');
}
