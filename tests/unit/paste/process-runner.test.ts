import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeProcessRunner, createWhich } from '../../../main/paste/process-runner';

describe('createNodeProcessRunner (real processes)', () => {
  const run = createNodeProcessRunner({ timeoutMs: 10_000 });

  it('passes stdin, collects stdout/stderr and the exit code, without a shell', async () => {
    const script = 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{console.log(s.toUpperCase());console.error("e");process.exit(3)})';
    const result = await run(process.execPath, ['-e', script, '$(not expanded)'], { input: 'hello; rm -rf /' });
    expect(result).toEqual({ code: 3, stdout: 'HELLO; RM -RF /\n', stderr: 'e\n' });
  });

  it('reports a missing program as a failed run instead of throwing', async () => {
    const result = await run('cuecard-no-such-program-xyz', []);
    expect(result.code).toBeNull();
    expect(result.stderr).toMatch(/ENOENT/);
  });

  it('kills a process that runs past the timeout', async () => {
    const quick = createNodeProcessRunner({ timeoutMs: 200 });
    // Left alone the child would outlive the test's own timeout; a null code means it was killed.
    const result = await quick(process.execPath, ['-e', 'setTimeout(() => process.exit(7), 600000)']);
    expect(result).toEqual({ code: null, stdout: '', stderr: '' });
  });
});

describe('createWhich', () => {
  it('finds executables on PATH and nothing else', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-which-'));
    const tool = path.join(dir, 'xdotool');
    fs.writeFileSync(tool, '#!/bin/sh\n');
    fs.chmodSync(tool, 0o755);
    fs.writeFileSync(path.join(dir, 'wtype'), 'not executable');
    const which = createWhich({ PATH: ['/nonexistent-dir', dir].join(':') }, 'linux');
    expect(await which('xdotool')).toBe(tool);
    expect(await which('wtype')).toBeNull();
    expect(await which('osascript')).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tries PATHEXT extensions on Windows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-which-'));
    fs.writeFileSync(path.join(dir, 'powershell.EXE'), '');
    const which = createWhich({ Path: dir, PATHEXT: '.COM;.EXE' }, 'win32');
    expect(await which('powershell')).toBe(path.join(dir, 'powershell.EXE'));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks an absolute path as given, without a PATH lookup', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-which-'));
    const tool = path.join(dir, 'powershell.exe');
    fs.writeFileSync(tool, '#!/bin/sh\n');
    fs.chmodSync(tool, 0o755);
    const which = createWhich({ PATH: '' }, 'linux');
    expect(await which(tool)).toBe(tool);
    expect(await which(path.join(dir, 'missing.exe'))).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
