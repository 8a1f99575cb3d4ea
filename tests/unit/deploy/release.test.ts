import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPackagedResources, feedFileName, generateReleaseKey, signRelease } from '../../../deploy/tools/release';
import { parseEd25519PublicKey } from '../../../main/update/ed25519';
import { verifyManifest } from '../../../main/update/release-manifest';
import { useTempDirs } from '../../helpers/temp-dir';
import { root } from '../packaging/builder-config';
import { sha512 } from '../update/fakes';

const tempDir = useTempDirs();
const INSTALLER = 'Cuecard-Setup-1.3.0.exe';

function dist(content = 'installer bytes', feedContent = content): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, INSTALLER), content);
  writeFileSync(path.join(dir, 'latest.yml'), `version: 1.3.0\nfiles:\n  - url: ${INSTALLER}\n    sha512: ${sha512(feedContent)}\n    size: ${feedContent.length}\npath: ${INSTALLER}\n`);
  return dir;
}

describe('release signing', () => {
  it('signs the feed files so the app verifies them with the pinned public key', async () => {
    const key = generateReleaseKey();
    const { file, manifest } = await signRelease({ dir: dist(), channel: 'stable', os: 'win', privateKeyPem: key.privateKeyPem });
    expect(path.basename(file)).toBe('release-stable-win.json');
    expect(manifest).toEqual({ product: 'cuecard', channel: 'stable', os: 'win', version: '1.3.0', files: [{ name: INSTALLER, sha512: sha512('installer bytes'), size: 15 }] });
    const pinned = parseEd25519PublicKey(key.publicKeyBase64);
    if (!pinned.ok) throw new Error(pinned.message);
    expect(verifyManifest(readFileSync(file, 'utf8'), { trustedKeys: [pinned.key], currentVersion: '1.2.0', channel: 'stable', os: 'win' })).toEqual({ ok: true, manifest });
  });

  it('refuses to sign an installer that differs from the feed file', async () => {
    const key = generateReleaseKey();
    await expect(signRelease({ dir: dist('tampered', 'installer bytes'), channel: 'stable', os: 'win', privateKeyPem: key.privateKeyPem })).rejects.toThrow(
      `${INSTALLER} does not match the sha512 in latest.yml`,
    );
  });

  it('names the feed files as electron-builder writes them', () => {
    expect([feedFileName('stable', 'win'), feedFileName('beta', 'win'), feedFileName('stable', 'mac'), feedFileName('beta', 'mac')]).toEqual([
      'latest.yml',
      'beta.yml',
      'latest-mac.yml',
      'beta-mac.yml',
    ]);
  });

  it('npm run release:sign works from the command line with the key file from the environment', () => {
    const dir = dist();
    const keyFile = path.join(tempDir(), 'release.pem');
    const key = generateReleaseKey();
    writeFileSync(keyFile, key.privateKeyPem);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'deploy/tools/sign-release.ts'), '--dir', dir, '--channel', 'stable', '--os', 'win'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CUECARD_RELEASE_KEY_FILE: keyFile },
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(`signed 1.3.0 (1 files) with key ${key.keyId}: ${path.join(dir, 'release-stable-win.json')}`);
    expect(run.status).toBe(0);
  });
});

describe('checkPackagedResources', () => {
  function resources(appUpdate: string | null): string {
    const dir = tempDir();
    if (appUpdate !== null) writeFileSync(path.join(dir, 'app-update.yml'), appUpdate);
    writeFileSync(path.join(dir, 'app.asar'), '');
    mkdirSync(path.join(dir, 'app.asar.unpacked/node_modules/sqlite3'), { recursive: true });
    return dir;
  }

  it('passes a Windows build whose app-update.yml names the publisher', () => {
    expect(checkPackagedResources(resources('provider: generic\nurl: https://u.example.com\npublisherName:\n  - Cuecard Ltd\n'), 'win32')).toEqual([]);
  });

  it('fails a Windows build whose app-update.yml lacks publisherName, or has none', () => {
    expect(checkPackagedResources(resources('provider: generic\nurl: https://u.example.com\n'), 'win32')).toEqual([
      'app-update.yml has no publisherName, so the installer signature could not be checked; updates are off.',
    ]);
    const dir = resources(null);
    expect(checkPackagedResources(dir, 'win32')).toEqual([`${path.join(dir, 'app-update.yml')} is missing: the app could not update itself.`]);
  });
});
