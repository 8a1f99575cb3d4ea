import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../common/cli/args';
import { checkServerUrl, isLoopbackHost } from '../../../common/net/server-url';
import { serverArgs } from '../../../main/cli/server-args';

describe('checkServerUrl', () => {
  it.each([
    ['https://kb.example.com/', 'https://kb.example.com'],
    ['https://kb.example.com/cuecard', 'https://kb.example.com/cuecard'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['http://127.42.0.9', 'http://127.42.0.9'],
    ['http://127.1:8787', 'http://127.0.0.1:8787'],
    ['http://0x7f000001', 'http://127.0.0.1'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://LOCALHOST', 'http://localhost'],
    ['', ''],
  ])('accepts %j as %j', (input, url) => {
    expect(checkServerUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['http://127.attacker.example', /must use https/],
    ['http://127.0.0.1.nip.io', /must use https/],
    ['http://localhost.attacker.example', /must use https/],
    ['http://kb.example.com', /must use https/],
    ['http://10.0.0.1', /must use https/],
    ['http://[::ffff:127.0.0.1]', /must use https/],
    ['http://0.0.0.0', /must use https/],
    ['ftp://kb.example.com', /must use https/],
    ['file:///etc/passwd', /must use https/],
    ['javascript:alert(1)', /must use https/],
    ['https://user:secret@kb.example.com', /user name or password/],
    ['https://user@kb.example.com', /user name or password/],
    ['http://user:pw@127.0.0.1', /user name or password/],
    ['https://kb.example.com/?x=1', /query/],
    ['https://kb.example.com/#top', /fragment/],
    ['kb.example.com', /not a URL/],
    [`https://kb.example.com/${'a'.repeat(2000)}`, /longer than 2000/],
  ])('refuses %j', (input, message) => {
    const checked = checkServerUrl(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(message);
  });

  it('names only loopback literals and localhost as loopback hosts', () => {
    expect(['127.0.0.1', '127.255.255.254', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['127.attacker.example', '128.0.0.1', '::1', '1.127.0.0', 'localhost.', '127.0.0.256', '127.0.0.01', '127.0.0'].map(isLoopbackHost)).toEqual([false, false, false, false, false, false, false, false]);
  });
});

describe('the CLI --server flag uses the same rule', () => {
  const parse = (url: string) => serverArgs(parseArgs(['--server', url, '--token', 't'], ['server', 'token']));
  it('accepts https and loopback http, and refuses the rest with the rule’s message', () => {
    expect(parse('https://kb.example.com/')).toEqual({ serverUrl: 'https://kb.example.com', token: 't' });
    expect(parse('http://127.0.0.1:8787')).toEqual({ serverUrl: 'http://127.0.0.1:8787', token: 't' });
    expect(() => parse('http://127.attacker.example')).toThrow(UsageError);
    expect(() => parse('http://127.attacker.example')).toThrow(/^--server: The server URL must use https:\/\//);
    expect(() => parse('https://me:pw@kb.example.com')).toThrow(/user name or password/);
  });
});
