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
    expect(loaded.problems).toHaveLength(3);
    expect(loaded.problems[0]).toMatch(/^The managed policy \/etc\/cuecard\/policy.json is invalid at "updateChannel": .*; that item was ignored\.$/);
    expect(loaded.problems[1]).toMatch(/invalid at "hotkey"/);
    expect(loaded.problems[2]).toBe('The managed policy /etc/cuecard/policy.json has an unknown item "unknownKey"; it was ignored.');
  });

  it.each([
    ['locale', 'not a locale!', /locale tag/],
    ['locale', 'e', /locale tag|too small|at least/i],
    ['serverUrl', 'http://127.attacker.example', /must use https/],
    ['serverUrl', 'https://u:p@kb.example.com', /user name or password/],
    ['serverUrl', '', /must not be empty/],
    ['updates', 'yes', /invalid|expected/i],
    ['releaseKey', 'not-a-key', /Ed25519/],
    ['orgRootKey', 'AAAA', /Ed25519/],
    ['token', 'tok\ud800en', /lone surrogate|well-formed|surrogate/i],
    ['token', 42, /expected string/i],
    ['logLevel', 'verbose', /invalid|expected/i],
  ])('refuses %s = %j with a clear reason, alone', (key, value, message) => {
    const loaded = parsePolicyItems({ [key]: value, pasteMode: 'copy' }, FILE);
    expect(loaded.policy).toEqual({ pasteMode: 'copy' });
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toContain(`invalid at "${key}"`);
    expect(loaded.problems[0]).toMatch(message);
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
    const loaded = await loadPolicy(bad);
    expect(loaded.policy).toEqual({});
    expect(loaded.problems[0]).toMatch(/is not valid JSON/);
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
