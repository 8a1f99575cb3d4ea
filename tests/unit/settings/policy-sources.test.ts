import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { build as buildXmlPlist, buildBinary as buildBinaryPlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { nativeRegRegistry, type NativeRegModule } from '../../../main/settings/native-reg-registry';
import {
  jsonFileSource,
  loadManagedPolicy,
  macManagedPreferenceFiles,
  plistSource,
  policySources,
  POLICY_REGISTRY_KEY,
  registrySource,
} from '../../../main/settings/policy-sources';
import type { RegistryPort } from '../../../main/core/ports';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

function fakeRegistry(hives: Partial<Record<'HKLM' | 'HKCU', Record<string, unknown>>>): RegistryPort & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readValues(hive, subKey) {
      reads.push(`${hive}\\${subKey}`);
      return hives[hive] ?? null;
    },
  };
}

function jsonFile(content: object): string {
  const file = path.join(tempDir(), 'policy.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('loadManagedPolicy: sources highest first', () => {
  it('takes HKLM over HKCU over the JSON file, item by item', async () => {
    const registry = fakeRegistry({
      HKLM: { serverUrl: 'https://machine.example.com' },
      HKCU: { serverUrl: 'https://user.example.com', locale: 'fr' },
    });
    const file = jsonFile({ serverUrl: 'https://file.example.com', locale: 'de', pasteMode: 'copy' });
    const loaded = await loadManagedPolicy([registrySource(registry, 'HKLM'), registrySource(registry, 'HKCU'), jsonFileSource(file)]);
    expect(loaded).toEqual({ policy: { serverUrl: 'https://machine.example.com', locale: 'fr', pasteMode: 'copy' }, problems: [] });
    expect(registry.reads).toEqual([`HKLM\\${POLICY_REGISTRY_KEY}`, `HKCU\\${POLICY_REGISTRY_KEY}`]);
  });

  it('reports an invalid item in a higher source and uses the next source for it', async () => {
    const registry = fakeRegistry({ HKLM: { serverUrl: 'http://127.attacker.example', updates: 'off' }, HKCU: { serverUrl: 'https://user.example.com' } });
    const loaded = await loadManagedPolicy([registrySource(registry, 'HKLM'), registrySource(registry, 'HKCU')]);
    expect(loaded).toEqual({
      policy: { serverUrl: 'https://user.example.com', updates: 'off' },
      problems: [
        'The managed policy HKLM\\SOFTWARE\\Policies\\Cuecard is invalid at "serverUrl": The server URL must use https:// (http:// only for a server on this computer: 127.0.0.1, [::1] or localhost); that item was ignored.',
      ],
    });
  });

  it('reports a REG_DWORD where text is expected instead of guessing', async () => {
    const loaded = await loadManagedPolicy([registrySource(fakeRegistry({ HKLM: { updates: 0, locale: 'en' } }), 'HKLM')]);
    expect(loaded).toEqual({
      policy: { locale: 'en' },
      problems: ['The managed policy HKLM\\SOFTWARE\\Policies\\Cuecard is invalid at "updates": Invalid option: expected one of "on"|"off"; that item was ignored.'],
    });
  });

  it('keeps going when one source throws', async () => {
    const broken = { name: 'broken source', read: () => Promise.reject(new Error('access denied')) };
    const loaded = await loadManagedPolicy([broken, jsonFileSource(jsonFile({ locale: 'es' }))]);
    expect(loaded).toEqual({ policy: { locale: 'es' }, problems: ['The managed policy broken source could not be read (access denied); it was ignored.'] });
  });
});

describe('native-reg mapping', () => {
  function fakeNativeReg(values: Record<string, unknown> | null): NativeRegModule & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      HKEY: { LOCAL_MACHINE: 0x80000002, CURRENT_USER: 0x80000001 },
      Access: { READ: 0x20019, WOW64_64KEY: 0x100 },
      openKey: (root, subKey, access) => (calls.push(`open ${root.toString(16)} ${subKey} ${access.toString(16)}`), values === null ? null : 7),
      enumValueNames: (key) => (calls.push(`enum ${key}`), Object.keys(values ?? {})),
      queryValue: (_key, name) => values?.[name as string] ?? null,
      closeKey: (key) => void calls.push(`close ${String(key)}`),
    };
  }

  it('opens the 64-bit view read-only, reads every value and closes the key', () => {
    const reg = fakeNativeReg({ serverUrl: 'https://kb.example.com', updates: 'off' });
    expect(nativeRegRegistry(reg).readValues('HKLM', POLICY_REGISTRY_KEY)).toEqual({ serverUrl: 'https://kb.example.com', updates: 'off' });
    expect(reg.calls).toEqual([`open 80000002 ${POLICY_REGISTRY_KEY} 20119`, 'enum 7', 'close 7']);
  });

  it('answers null for a missing key and reads HKCU for HKCU', () => {
    const reg = fakeNativeReg(null);
    expect(nativeRegRegistry(reg).readValues('HKCU', POLICY_REGISTRY_KEY)).toBeNull();
    expect(reg.calls).toEqual([`open 80000001 ${POLICY_REGISTRY_KEY} 20119`]);
  });

  it('closes the key even when a read throws', () => {
    const reg = fakeNativeReg({ a: 1 });
    reg.queryValue = () => {
      throw new Error('ERROR_MORE_DATA');
    };
    expect(() => nativeRegRegistry(reg).readValues('HKLM', POLICY_REGISTRY_KEY)).toThrow('ERROR_MORE_DATA');
    expect(reg.calls.at(-1)).toBe('close 7');
  });
});

describe('macOS managed preferences', () => {
  it('reads forced values from XML and binary property lists, user before device', async () => {
    const dir = tempDir();
    const [userFile, deviceFile] = [path.join(dir, 'user.plist'), path.join(dir, 'device.plist')];
    writeFileSync(userFile, buildXmlPlist({ serverUrl: 'https://user.example.com', pasteMode: 'copy' }));
    writeFileSync(deviceFile, Buffer.from(buildBinaryPlist({ serverUrl: 'https://device.example.com', updateChannel: 'beta' })));
    const readFile = async (file: string) => (await import('node:fs/promises')).readFile(file);
    const loaded = await loadManagedPolicy([plistSource(userFile, readFile), plistSource(deviceFile, readFile)]);
    expect(loaded).toEqual({ policy: { serverUrl: 'https://user.example.com', pasteMode: 'copy', updateChannel: 'beta' }, problems: [] });
  });

  it('reports a corrupt plist and ignores a missing one', async () => {
    const missing = Object.assign(new Error('nope'), { code: 'ENOENT' });
    const loaded = await loadManagedPolicy([
      plistSource('/Library/Managed Preferences/com.cuecard.app.plist', () => Promise.reject(missing)),
      plistSource('/x.plist', () => Promise.resolve(Buffer.from('<plist><dict><key>a</key>'))),
    ]);
    expect(loaded).toEqual({ policy: {}, problems: ['The managed preferences /x.plist are not a valid property list (unclosed xml tag(s): plist, dict); they were ignored.'] });
  });

  it('looks where mdmclient writes forced values, and never outside that folder', () => {
    expect(macManagedPreferenceFiles('ana')).toEqual([
      '/Library/Managed Preferences/ana/com.cuecard.app.plist',
      '/Library/Managed Preferences/com.cuecard.app.plist',
    ]);
    expect(macManagedPreferenceFiles('../../etc')[0]).toBe('/Library/Managed Preferences/....etc/com.cuecard.app.plist');
  });
});

describe('policySources per platform', () => {
  const readFile = () => Promise.reject(new Error('unused'));
  it.each([
    ['win32', ['HKLM\\SOFTWARE\\Policies\\Cuecard', 'HKCU\\SOFTWARE\\Policies\\Cuecard', 'C:\\ProgramData\\Cuecard\\policy.json']],
    ['darwin', ['/Library/Managed Preferences/ana/com.cuecard.app.plist', '/Library/Managed Preferences/com.cuecard.app.plist', '/Library/Application Support/Cuecard/policy.json']],
    ['linux', ['/etc/cuecard/policy.json']],
  ] as const)('%s reads %j in that order', (platform, names) => {
    const sources = policySources({ platform, env: {}, user: 'ana', registry: fakeRegistry({}), readFile });
    expect(sources.map((s) => s.name)).toEqual(names);
  });
});
