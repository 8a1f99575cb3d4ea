/** Ill-formed Unicode is refused at the IPC boundary, on every channel and in every field. */
import { describe, expect, it } from 'vitest';
import { CHANNELS, REQUEST_SCHEMAS, type ChannelKey } from '../../../common/ipc-contract';
import { handle } from '../../../main/ipc/handle';

const APP = 'app://cuecard/index.html';

async function call(key: ChannelKey, payload: unknown) {
  const seen: unknown[] = [];
  const handler = handle(key, REQUEST_SCHEMAS[key] as never, (request: unknown) => (seen.push(request), null as never), () => undefined);
  const result = await handler.invoke(APP, payload);
  return { result, reachedHandler: seen.length > 0 };
}

const LONE = 'the text is not well-formed Unicode (it contains a lone surrogate)';
const NUL = 'the text contains a NUL character';

describe('well-formed text at the IPC boundary', () => {
  it.each([
    ['search', { query: 'refund\ud800' }, 'query', LONE],
    ['search', { query: 'refund', tags: ['ok', '\udc00x'] }, 'tags.1', LONE],
    ['search', { query: 'a\u0000b' }, 'query', NUL],
    ['getEntry', { id: 'kb/return\ud800', locale: 'en' }, 'id', LONE],
    ['prepareTemplate', { id: '\udc00', locale: 'en' }, 'id', LONE],
    ['renderTemplate', { id: 't', locale: 'en', values: { name: 'Ana\ud83d' } }, 'values.name', LONE],
    ['insertReply', { id: 't', locale: 'en', values: { 'na\udc00me': 'Ana' } }, 'values.na\udc00me', LONE],
    ['copyReply', { id: 't', locale: 'en', values: { name: 'A\u0000' } }, 'values.name', NUL],
    ['updateSettings', { token: 'secret\u0000' }, 'token', NUL],
    ['updateSettings', { hotkey: 'Ctrl+\ud800' }, 'hotkey', LONE],
    ['openLink', { url: 'https://example.com/\udfff' }, 'url', LONE],
  ] as Array<[ChannelKey, unknown, string, string]>)('%s refuses %j', async (key, payload, where, message) => {
    const { result, reachedHandler } = await call(key, payload);
    expect(result).toEqual({
      ok: false,
      error: { code: 'bad_request', message: `Invalid ${CHANNELS[key]} request: ${where}: ${message}` },
    });
    expect(reachedHandler).toBe(false);
  });

  it('accepts astral characters, combining marks and pairs', async () => {
    const { result, reachedHandler } = await call('search', { query: 'caf\u0065\u0301 \u{1F600} 日本' });
    expect(result).toEqual({ ok: true, value: null });
    expect(reachedHandler).toBe(true);
  });
});
