import { describe, expect, it } from 'vitest';
import { REQUEST_SCHEMAS } from '../../../common/ipc-contract';
import { handle, IpcRouter, isTrustedSender } from '../../../main/ipc/handle';
import { IpcFailure } from '../../../main/ipc/ipc-failure';

const APP = 'app://cuecard/index.html';

function searchRouter(fn: (query: string) => unknown = (q) => ({ hits: [], recent: q === '' })) {
  return new IpcRouter([handle('search', REQUEST_SCHEMAS.search, (r) => fn(r.query) as never)]);
}

describe('isTrustedSender', () => {
  it('accepts only app://cuecard pages', () => {
    expect(isTrustedSender(APP)).toBe(true);
    expect(isTrustedSender('app://cuecard/settings?x=1')).toBe(true);
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['a file URL', 'file:///home/agent/index.html'],
    ['another app:// host', 'app://evil/index.html'],
    ['a lookalike host', 'app://cuecard.evil/index.html'],
    ['credentials in the URL', 'app://user:pw@cuecard/index.html'],
    ['the dev server', 'http://localhost:5173/'],
    ['no frame', undefined],
    ['garbage', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedSender(url)).toBe(false);
  });

  it('does not rely on origin, which is "null" for custom schemes', () => {
    expect(new URL(APP).origin).toBe('null');
    expect(isTrustedSender(APP)).toBe(true);
  });
});

describe('handle()', () => {
  it('answers ok with the handler value for a valid call', async () => {
    const result = await searchRouter().dispatch('cuecard:search', APP, { query: 'refund' });
    expect(result).toEqual({ ok: true, value: { hits: [], recent: false } });
  });

  it('refuses a foreign sender without running the handler', async () => {
    let ran = false;
    const router = searchRouter(() => {
      ran = true;
      return { hits: [], recent: false };
    });
    const result = await router.dispatch('cuecard:search', 'https://evil.example/', { query: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(ran).toBe(false);
  });

  it('refuses an invalid payload and names the field', async () => {
    const result = await searchRouter().dispatch('cuecard:search', APP, { query: 42 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad_request');
    expect(result.error.message).toContain('query');
  });

  it('refuses payloads over the limits', async () => {
    const result = await searchRouter().dispatch('cuecard:search', APP, { query: 'x'.repeat(501) });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('answers an unknown channel with a clean error', async () => {
    const result = await searchRouter().dispatch('cuecard:format-disk', APP, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('maps IpcFailure to its code and hides other errors behind "internal"', async () => {
    const failing = searchRouter((q) => {
      if (q === 'known') throw new IpcFailure('not_found', 'no such entry');
      throw new Error('SQLITE_BUSY at /secret/path');
    });
    expect(await failing.dispatch('cuecard:search', APP, { query: 'known' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no such entry' },
    });
    const internal = await failing.dispatch('cuecard:search', APP, { query: 'other' });
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('/secret/path');
  });
});
