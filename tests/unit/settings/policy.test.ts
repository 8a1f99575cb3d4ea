import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../main/paths';
import { POLICY_KEYS, policyItemMeta } from '../../../deploy/tools/policy-templates';
import { defaultPolicyFile, MAX_POLICY_FILE_BYTES, parsePolicyItems } from '../../../main/settings/policy';
import { POLICY_ITEMS } from '../../../main/settings/policy-schema';
import { jsonFileSource, loadManagedPolicy } from '../../../main/settings/policy-sources';
import { parsePolicy } from '../../helpers/policy';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const FILE = '/etc/cuecard/policy.json';
const loadPolicy = (file: string) => loadManagedPolicy([jsonFileSource(file)]);

describe('parsePolicyItems: each item on its own', () => {
  it('keeps the valid items and reports each invalid one by name', () => {
    const loaded = parsePolicyItems(
      { serverUrl: 'https://kb.example.com', updateChannel: 'nightly', hotkey: 'Ctrl+Banana', locale: 'de', pasteMode: 'copy', unknownKey: 1 },
      FILE,
    );
    expect(loaded.policy).toEqual({ serverUrl: 'https://kb.example.com', locale: 'de', pasteMode: 'copy' });
    expect(loaded.problems).toEqual([
      'The managed policy /etc/cuecard/policy.json is invalid at "updateChannel": Invalid option: expected one of "stable"|"beta"; that item was ignored.',
      // The reason's own full stop is dropped before "; that item was ignored.", not doubled.
      'The managed policy /etc/cuecard/policy.json is invalid at "hotkey": "Banana" in "Ctrl+Banana" is not a key Cuecard can use as a hotkey; that item was ignored.',
      'The managed policy /etc/cuecard/policy.json has an unknown item "unknownKey"; it was ignored.',
    ]);
  });

  it.each([
    ['locale', 'not a locale!', 'must be a locale tag such as "en" or "pt-BR"'],
    ['locale', 'e', 'Too small: expected string to have >=2 characters'],
    ['serverUrl', 'http://127.attacker.example', 'The server URL must use https:// (http:// only for a server on this computer: 127.0.0.1, [::1] or localhost)'],
    ['serverUrl', 'https://u:p@kb.example.com', 'The server URL must not contain a user name or password; use a token instead'],
    ['serverUrl', '', 'must not be empty'],
    ['updates', 'yes', 'Invalid option: expected one of "on"|"off"'],
    ['releaseKey', 'not-a-key', 'must be an Ed25519 public key: 32 bytes in base64 (44 characters ending in "=")'],
    ['orgRootKey', 'AAAA', 'must be an Ed25519 public key: a public key starts with "ed25519:"'],
    ['orgRootKey', 'ed25519:AAAA', 'must be an Ed25519 public key: a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'],
    ['token', 'tok\ud800en', 'the value is not well-formed Unicode (it contains a lone surrogate)'],
    ['token', 42, 'Invalid input: expected string, received number'],
    ['logLevel', 'verbose', 'Invalid option: expected one of "error"|"warn"|"info"|"debug"'],
  ])('refuses %s = %j with a clear reason, alone', (key, value, reason) => {
    const loaded = parsePolicyItems({ [key]: value, pasteMode: 'copy' }, FILE);
    expect(loaded).toEqual({ policy: { pasteMode: 'copy' }, problems: [`The managed policy ${FILE} is invalid at "${key}": ${reason}; that item was ignored.`] });
  });

  it('does not trust inherited keys such as __proto__ or toString', () => {
    const loaded = parsePolicy('{"__proto__": {"serverUrl": "http://evil.example"}, "toString": "x"}', FILE);
    expect(loaded.policy).toEqual({});
    expect(loaded.problems).toEqual([
      'The managed policy /etc/cuecard/policy.json has an unknown item "__proto__"; it was ignored.',
      'The managed policy /etc/cuecard/policy.json has an unknown item "toString"; it was ignored.',
    ]);
  });

  it('accepts every documented example value (the generated templates use them)', () => {
    const example = Object.fromEntries(POLICY_KEYS.map((key) => [key, policyItemMeta(key).examples[0]]));
    const loaded = parsePolicyItems(example, FILE);
    expect(loaded.problems).toEqual([]);
    expect(Object.keys(loaded.policy).sort()).toEqual(Object.keys(POLICY_ITEMS).sort());
  });
});

describe('the JSON policy file (loadManagedPolicy with jsonFileSource)', () => {
  it('reads a policy file that starts with a UTF-8 BOM (what Windows PowerShell 5.1 writes)', async () => {
    const file = path.join(tempDir(), 'policy.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"serverUrl":"https://kb.example.com","locale":"pt-BR"}')]));
    expect(await loadPolicy(file)).toEqual({ policy: { serverUrl: 'https://kb.example.com', locale: 'pt-BR' }, problems: [] });
  });

  it('treats a missing file as no policy, with no problem', async () => {
    expect(await loadPolicy(path.join(tempDir(), 'absent.json'))).toEqual({ policy: {}, problems: [] });
  });

  it('refuses a directory, a huge file and bad JSON with one clear problem each', async () => {
    const dir = tempDir();
    const asDir = path.join(dir, 'policy.json');
    mkdirSync(asDir);
    expect((await loadPolicy(asDir)).problems).toEqual([`The managed policy ${asDir} is not a file; it was ignored.`]);
    const huge = path.join(dir, 'huge.json');
    writeFileSync(huge, `{"locale":"en","pad":"${'x'.repeat(MAX_POLICY_FILE_BYTES)}"}`);
    expect(await loadPolicy(huge)).toEqual({ policy: {}, problems: [`The managed policy ${huge} is larger than ${MAX_POLICY_FILE_BYTES} bytes; it was ignored.`] });
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"locale": "en",');
    expect(await loadPolicy(bad)).toEqual({
      policy: {},
      problems: [`The managed policy ${bad} is not valid JSON (Expected double-quoted property name in JSON at position 16); it was ignored.`],
    });
  });

  it('survives deeply nested JSON without crashing', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const loaded = parsePolicy(deep, FILE);
    expect(loaded.policy).toEqual({});
    expect(loaded.problems).toHaveLength(1);
  });
});

describe('defaultPolicyFile and defaultDataDir', () => {
  it.each([
    ['win32', { ProgramData: 'D:\\PD' }, 'D:\\PD\\Cuecard\\policy.json'],
    ['win32', {}, 'C:\\ProgramData\\Cuecard\\policy.json'],
    ['darwin', {}, '/Library/Application Support/Cuecard/policy.json'],
    ['linux', {}, '/etc/cuecard/policy.json'],
    ['freebsd', {}, '/etc/cuecard/policy.json'],
  ] as const)('policy file on %s %j is %s', (platform, env, file) => {
    expect(defaultPolicyFile(platform, env)).toBe(file);
  });

  it.each([
    ['win32', { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'C:\\Users\\ana\\AppData\\Local\\Cuecard'],
    ['win32', {}, 'C:\\Users\\ana\\AppData\\Local\\Cuecard'],
    ['darwin', {}, '/Users/ana/Library/Application Support/Cuecard'],
    ['linux', { XDG_DATA_HOME: '/data/ana' }, '/data/ana/cuecard'],
    ['linux', {}, '/home/ana/.local/share/cuecard'],
    ['linux', { CUECARD_DATA_DIR: '/srv/cq' }, '/srv/cq'],
  ] as const)('data folder on %s %j is %s (local, never roaming)', (platform, env, dir) => {
    const homedir = platform === 'win32' ? 'C:\\Users\\ana' : platform === 'darwin' ? '/Users/ana' : '/home/ana';
    expect(defaultDataDir({ platform, env, homedir })).toBe(dir);
  });
});
