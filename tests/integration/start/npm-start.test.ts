/**
 * `npm start` on a fresh clone: the Electron binary is ensured before electron-vite runs, the
 * built app's entry is what gets launched, and a download that cannot happen is explained in one
 * paragraph (no stack trace). electron-vite runs whatever ELECTRON_EXEC_PATH names, so a script
 * that records its arguments stands in for Electron.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { freeLoopbackPort } from '../../helpers/ports';

const root = path.resolve(import.meta.dirname, '../../..');
const tempDir = useTempDirs('cuecard-start-');

function npmStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn('npm', ['start'], { cwd: root, env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}


describe('npm start', () => {
  it('builds the app and launches its entry with the Electron that ELECTRON_EXEC_PATH names', async () => {
    const dir = tempDir();
    const record = path.join(dir, 'argv.txt');
    const fake = path.join(dir, 'electron');
    fs.writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > '${record}'\n`, { mode: 0o755 });
    const startedAt = Date.now();
    const { code, output } = await npmStart({ ELECTRON_EXEC_PATH: fake });
    expect(code, output).toBe(0);
    expect(output).not.toContain('Electron uninstall');
    // Electron is started in the project folder with "." : the app is package.json's "main".
    expect(fs.readFileSync(record, 'utf8')).toBe(`${root}\n.\n`);
    const main = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string }).main;
    expect(main).toBe('out/main/index.js');
    const entry = path.join(root, main);
    expect(fs.statSync(entry).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000); // built by this start
    expect(fs.readFileSync(entry, 'utf8')).toContain('requestSingleInstanceLock');
    expect(fs.existsSync(path.join(root, 'out/preload/index.cjs'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'out/renderer/index.html'))).toBe(true);
  }, 240_000);

  it('explains in one paragraph, without a stack trace, when the Electron binary cannot be downloaded', async () => {
    const port = await freeLoopbackPort();
    const { code, output } = await npmStart({
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: tempDir(), // nothing cached
      // Asks for the Windows binary, so the download is needed even where a Linux one is installed.
      ELECTRON_INSTALL_PLATFORM: 'win32',
      ELECTRON_EXEC_PATH: '',
    });
    expect(code).not.toBe(0);
    const lines = output.split('\n');
    expect(lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
    expect(output).not.toContain('Electron uninstall');
    expect(output).not.toContain('starting electron app');
    const paragraph = lines.find((l) => l.startsWith('npm start could not download the Electron'));
    expect(paragraph).toMatch(/^npm start could not download the Electron \d+\.\d+\.\d+ binary \(no connection to the download server: TypeError: fetch failed\)\./);
    for (const hint of ['ELECTRON_MIRROR', 'HTTPS_PROXY', 'ELECTRON_GET_USE_PROXY=1', 'electron_config_cache', 'ELECTRON_EXEC_PATH']) {
      expect(paragraph).toContain(hint);
    }
  }, 120_000);
});
