import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { minimatch } from 'minimatch';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { parseAppUpdateConfig } from '../../../main/update/app-update-config';
import { builderConfig, root, windowsAppUpdateYml, type BuilderConfig } from './builder-config';

const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const config = builderConfig();

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema (app-builder-lib/scheme.json)", () => {
    expect(validate(config) ? [] : validate.errors).toEqual([]);
  });

  it.each([
    ['a misspelled option', { ...config, electronFusess: {} }],
    ['a misspelled fuse', { ...config, electronFuses: { runAsNod: false } }],
    ['a wrong type', { ...config, asar: 'yes' }],
  ])('the schema check catches %s', (_name, broken) => {
    expect(validate(broken)).toBe(false);
  });

  it('sets every fuse, exactly', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into ASAR and unpacks the native modules, which Windows signing covers', () => {
    expect(config.asar).toBe(true);
    const unpack = config.asarUnpack as string[];
    const sqlite = 'node_modules/sqlite3/build/Release/node_sqlite3.node';
    expect(existsSync(path.join(root, sqlite))).toBe(true);
    for (const file of [sqlite, 'node_modules/native-reg/prebuilds/win32-x64/node.napi.node']) {
      expect(unpack.some((pattern) => minimatch(file, pattern, { dot: true }))).toBe(true);
    }
    expect(unpack.some((pattern) => minimatch('node_modules/sqlite3/lib/sqlite3.js', pattern))).toBe(false);
    expect(config.win.signExts).toContain('.node');
  });

  it('builds NSIS (per-user or per-machine) and MSI with a fixed upgrade code for Windows', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'msi', arch: ['x64'] },
    ]);
    // oneClick off + perMachine off + allowElevation on = the installer that accepts /allusers and /currentuser.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true, allowToChangeInstallationDirectory: true });
    // Never change this: Windows Installer would install upgrades side by side.
    expect((config.msi as Record<string, unknown>).upgradeCode).toBe('6f1c9b3e-2d4a-4c1e-9a57-0e3f6b7d2c11');
  });

  it('signs and notarises for macOS with the hardened runtime and the committed entitlements', () => {
    const mac = config.mac as Record<string, unknown>;
    expect(mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'deploy/build/entitlements.mac.plist', entitlementsInherit: 'deploy/build/entitlements.mac.plist' });
    expect((mac.target as { target: string }[]).map((t) => t.target)).toEqual(['dmg', 'zip']);
    const entitlements = parsePlist(readFileSync(path.join(root, 'deploy/build/entitlements.mac.plist'), 'utf8'));
    expect(entitlements).toEqual({ 'com.apple.security.cs.allow-jit': true, 'com.apple.security.automation.apple-events': true });
  });

  it('builds AppImage and deb for Linux', () => {
    expect((config.linux as Record<string, unknown>).target).toEqual(['AppImage', 'deb']);
  });

  it('publishes to a generic HTTPS update host and packs what package.json runs', () => {
    expect(config.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) });
    const main = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string }).main;
    expect((config.files as string[]).some((pattern) => minimatch(main, pattern))).toBe(true);
  });
});

describe('the app-update.yml electron-builder generates for Windows', () => {
  it('names the publisher, so the updater can check the installer signature', async () => {
    const yml = await windowsAppUpdateYml(config);
    expect(parseAppUpdateConfig(yml, 'win32')).toEqual({
      ok: true,
      config: { feedUrl: 'https://updates.example.com/cuecard', publisherNames: ['Cuecard Ltd'] },
    });
  });

  it('would lack publisherName without signtoolOptions.publisherName, and the check catches it', async () => {
    const withoutPublisher: BuilderConfig = { ...config, win: { ...config.win, signtoolOptions: { signingHashAlgorithms: ['sha256'] } } };
    const yml = await windowsAppUpdateYml(withoutPublisher);
    expect(yml).not.toContain('publisherName');
    expect(parseAppUpdateConfig(yml, 'win32')).toMatchObject({ ok: false, message: expect.stringMatching(/no publisherName/) });
  });
});
