import { describe, expect, it } from 'vitest';
import { REQUEST_SCHEMAS } from '../../../common/ipc-contract';
import { handle, IpcRouter, isTrustedSender } from '../../../main/ipc/handle';
import { DomainError, type DomainErrorCode } from '../../../main/core/domain-error';

const APP = 'app://cuecard/index.html';

function searchRouter(fn: (query: string) => unknown = (q) => ({ hits: [], recent: q === '' }), logged: unknown[][] = []) {
  const log = (message: string, error?: unknown) => void logged.push(error === undefined ? [message] : [message, error]);
  return new IpcRouter([handle('search', REQUEST_SCHEMAS.search, (r) => fn(r.query) as never, log)]);
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
    expect(result.error).toEqual({ code: 'bad_request', message: 'Invalid cuecard:search request: query: Invalid input: expected string, received number' });
  });

  it('refuses payloads over the limits', async () => {
    const result = await searchRouter().dispatch('cuecard:search', APP, { query: 'x'.repeat(501) });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('answers an unknown channel with a clean error', async () => {
    const result = await searchRouter().dispatch('cuecard:format-disk', APP, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it.each([
    ['invalid_input', 'bad_request'],
    ['managed_by_policy', 'bad_request'],
    ['not_found', 'not_found'],
    ['invalid_hotkey', 'invalid_hotkey'],
    ['hotkey_taken', 'hotkey_taken'],
    ['template_error', 'template_error'],
    ['secure_storage_unavailable', 'unavailable'],
  ] as const)('answers a domain error %s as %s, with its message, and logs nothing', async (domainCode: DomainErrorCode, ipcCode) => {
    const logged: unknown[][] = [];
    const failing = searchRouter(() => {
      throw new DomainError(domainCode, 'what the agent can do about it');
    }, logged);
    expect(await failing.dispatch('cuecard:search', APP, { query: 'x' })).toEqual({
      ok: false,
      error: { code: ipcCode, message: 'what the agent can do about it' },
    });
    expect(logged).toEqual([]);
  });

  it('hides any other error behind "internal" and puts the details in the log', async () => {
    const logged: unknown[][] = [];
    const bug = new Error('SQLITE_BUSY at /secret/path');
    const failing = searchRouter(() => {
      throw bug;
    }, logged);
    const internal = await failing.dispatch('cuecard:search', APP, { query: 'other' });
    expect(internal).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong in cuecard:search; details are in the log.' },
    });
    expect(logged).toEqual([['cuecard:search failed', bug]]);
  });
});
