import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAppUpdateConfig } from '../../../main/update/app-update-config';
import { fetchTextBounded, sha512File } from '../../../main/update/fetch-bounded';
import { installKind, NSIS_UNINSTALLER, type InstallFacts } from '../../../main/update/install-kind';
import { commonName, failClosedSignatureVerifier, powerShellPath, signatureCheckArgs } from '../../../main/update/windows-signature';
import { useTempDirs } from '../../helpers/temp-dir';
import { sha512 } from './fakes';

const tempDir = useTempDirs();

describe('installKind', () => {
  const facts = (over: Partial<InstallFacts>): InstallFacts => ({
    packaged: true,
    platform: 'win32',
    execPath: 'C:\\Users\\ana\\AppData\\Local\\Programs\\Cuecard\\Cuecard.exe',
    env: { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' },
    exists: (file) => file.endsWith(NSIS_UNINSTALLER),
    packageType: null,
    ...over,
  });
  it.each([
    [{ packaged: false }, 'development'],
    [{}, 'windows-per-user'],
    [{ execPath: 'C:\\Program Files\\Cuecard\\Cuecard.exe' }, 'windows-per-machine'],
    [{ execPath: 'c:\\program files (x86)\\Cuecard\\Cuecard.exe' }, 'windows-per-machine'],
    [{ execPath: 'C:\\Program FilesX\\Cuecard\\Cuecard.exe' }, 'windows-per-user'],
    [{ execPath: 'C:\\Program Files\\Cuecard\\Cuecard.exe', exists: () => false }, 'windows-msi'],
    [{ platform: 'darwin', execPath: '/Applications/Cuecard.app/Contents/MacOS/Cuecard' }, 'mac'],
    [{ platform: 'linux', packageType: 'deb\n' }, 'deb'],
    [{ platform: 'linux', packageType: 'rpm' }, 'linux-other'],
    [{ platform: 'linux', env: { APPIMAGE: '/home/ana/Cuecard.AppImage' } }, 'appimage'],
    [{ platform: 'linux', env: {} }, 'linux-other'],
  ] as const)('%j is %s', (over, kind) => {
    expect(installKind(facts(over as Partial<InstallFacts>))).toBe(kind);
  });
});

describe('parseAppUpdateConfig', () => {
  it('reads the feed URL and publisher names electron-builder writes', () => {
    const text = 'provider: generic\nurl: https://updates.example.com/cuecard/\npublisherName:\n  - Example Corp\nupdaterCacheDirName: cuecard-updater\n';
    expect(parseAppUpdateConfig(text, 'win32')).toEqual({ ok: true, config: { feedUrl: 'https://updates.example.com/cuecard', publisherNames: ['Example Corp'] } });
  });

  it.each([
    ['provider: generic\nurl: https://u.example.com\n', 'win32', 'app-update.yml has no publisherName, so the installer signature could not be checked; updates are off.'],
    ['provider: github\nowner: x\n', 'darwin', 'app-update.yml must name a generic provider with a url.'],
    [
      'provider: generic\nurl: http://updates.example.com\npublisherName: X\n',
      'win32',
      "app-update.yml's url is refused: The server URL must use https:// (http:// only for a server on this computer: 127.0.0.1, [::1] or localhost).",
    ],
    // YAML aliases could expand without bound ("billion laughs"): refused by the parser's own words.
    ['a: &a [1]\nb: *a\n', 'win32', 'app-update.yml is not valid YAML (Alias resolution is disabled).'],
    ['', 'darwin', 'app-update.yml is empty.'],
    [': : :\n\t- ]', 'darwin', 'app-update.yml is not valid YAML (Nested mappings are not allowed in compact mappings at line 1, column 3:).'],
  ] as const)('refuses %j on %s', (text, platform, message) => {
    expect(parseAppUpdateConfig(text, platform)).toEqual({ ok: false, message });
  });

  it('does not need publisherName on macOS (the OS checks the code signature)', () => {
    expect(parseAppUpdateConfig('provider: generic\nurl: https://u.example.com\n', 'darwin')).toEqual({ ok: true, config: { feedUrl: 'https://u.example.com', publisherNames: [] } });
  });
});

describe('failClosedSignatureVerifier', () => {
  const answer = (stdout: string, code = 0) => () => Promise.resolve({ code, stdout });
  it('passes only a valid signature by a listed publisher', async () => {
    const verify = failClosedSignatureVerifier(answer('{"status":"Valid","subject":"CN=\\"Example, Inc.\\", O=Example, C=US"}'));
    expect(await verify(['Example, Inc.'], 'C:\\t\\setup.exe')).toBeNull();
    expect(await verify(['Other Corp'], 'C:\\t\\setup.exe')).toBe('The installer is signed by "Example, Inc.", not by "Other Corp"; the update was refused.');
  });

  it.each([
    ['NotSigned', '{"status":"NotSigned","subject":""}', 0, 'The installer signature is not valid (NotSigned); the update was refused.'],
    ['HashMismatch', '{"status":"HashMismatch","subject":"CN=Example Corp"}', 0, 'The installer signature is not valid (HashMismatch); the update was refused.'],
    ['garbage', 'Get-AuthenticodeSignature : not recognized', 0, 'The installer signature check gave no readable answer; the update was refused.'],
    ['exit 1', '', 1, 'The installer signature could not be checked (PowerShell exited with 1); the update was refused.'],
  ])('refuses when the check says %s', async (_name, stdout, code, message) => {
    expect(await failClosedSignatureVerifier(answer(stdout, code))(['Example Corp'], 'setup.exe')).toBe(message);
  });

  it('refuses when PowerShell cannot run at all, and with no publisher names', async () => {
    const blocked = failClosedSignatureVerifier(() => Promise.reject(new Error('spawn EACCES')));
    expect(await blocked(['Example Corp'], 'setup.exe')).toBe('The installer signature could not be checked (spawn EACCES); the update was refused.');
    expect(await blocked([], 'setup.exe')).toBe('No publisher name is configured, so the installer signature cannot be checked.');
  });

  it('runs PowerShell by its absolute System32 path with the file as a quoted literal', () => {
    expect(powerShellPath({ SystemRoot: 'D:\\Win' })).toBe('D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    const args = signatureCheckArgs("C:\\Temp\\it's; rm -r x.exe");
    expect(args).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command',
      "$s = Get-AuthenticodeSignature -LiteralPath 'C:\\Temp\\it''s; rm -r x.exe'; @{ status = [string]$s.Status; subject = [string]$s.SignerCertificate.Subject } | ConvertTo-Json -Compress",
    ]);
  });

  it('reads the CN of a subject', () => {
    expect(commonName('CN=Example Corp, O=Example, C=US')).toBe('Example Corp');
    expect(commonName('O=Example, CN=Signer')).toBe('Signer');
    expect(commonName('O=Example')).toBeNull();
  });
});

describe('fetchTextBounded and sha512File', () => {
  async function serve(body: string, headers: Record<string, string> = {}) {
    const server = http.createServer((_req, res) => res.writeHead(200, headers).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/m.json`, close: () => new Promise((r) => server.close(r)) };
  }

  it('reads a small body and refuses one past the limit, declared or not', async () => {
    const small = await serve('{"a":1}');
    expect(await fetchTextBounded(globalThis.fetch, small.url, 100)).toBe('{"a":1}');
    await small.close();
    const big = await serve('x'.repeat(5000), { 'transfer-encoding': 'chunked' });
    await expect(fetchTextBounded(globalThis.fetch, big.url, 1000)).rejects.toThrow(/larger than 1000 bytes/);
    await big.close();
  });

  it('hashes a file as latest.yml does', async () => {
    const file = path.join(tempDir(), 'a.exe');
    writeFileSync(file, 'installer bytes');
    expect(await sha512File(file)).toBe(sha512('installer bytes'));
  });
});
