import { describe, expect, it } from 'vitest';
import { choosePasteStrategy, manualPasteShortcut } from '../../../main/paste/choose-paste-strategy';
import { PasteError } from '../../../main/paste/paste-strategy';
import { WINDOWS_PASTE_SCRIPT } from '../../../main/paste/windows-paste';
import { fakeRunner, fakeWhich } from './fakes';

describe('choosePasteStrategy', () => {
  it('macOS: sends ⌘V through System Events with osascript', async () => {
    const run = fakeRunner();
    const strategy = await choosePasteStrategy({ platform: 'darwin', env: {}, which: fakeWhich(['osascript']), run });
    expect(strategy?.name).toBe('macos-osascript');
    expect(strategy?.manualShortcut).toBe('⌘V');
    await strategy!.paste();
    expect(run.runs).toEqual([
      {
        command: 'osascript',
        args: ['-e', 'tell application "System Events" to keystroke "v" using command down'],
        input: undefined,
      },
    ]);
  });

  it('Windows: runs SendInput through PowerShell with the script on stdin', async () => {
    const run = fakeRunner();
    const strategy = await choosePasteStrategy({ platform: 'win32', env: {}, which: fakeWhich(['powershell']), run });
    expect(strategy?.name).toBe('windows-sendinput');
    await strategy!.paste();
    expect(run.runs).toHaveLength(1);
    const [call] = run.runs;
    expect(call!.command).toBe('powershell');
    expect(call!.args).toEqual(['-NoProfile', '-NonInteractive', '-Command', '-']);
    expect(call!.input).toBe(WINDOWS_PASTE_SCRIPT);
    expect(WINDOWS_PASTE_SCRIPT).toContain('[DllImport("user32.dll", SetLastError = true)] static extern uint SendInput');
    // Ctrl (0x11) down, V (0x56) down, V up, Ctrl up.
    expect(WINDOWS_PASTE_SCRIPT).toContain('Key(0x11, false), Key(0x56, false), Key(0x56, true), Key(0x11, true)');
    // Each statement on its own line: PowerShell reads `-Command -` line by line.
    for (const line of WINDOWS_PASTE_SCRIPT.split('\n').filter(Boolean)) {
      expect(line).not.toMatch(/^\s*[{}]\s*$/);
    }
  });

  it('Linux X11: uses xdotool and clears held modifiers', async () => {
    const run = fakeRunner();
    const env = { DISPLAY: ':0' };
    const strategy = await choosePasteStrategy({ platform: 'linux', env, which: fakeWhich(['xdotool', 'wtype']), run });
    expect(strategy?.name).toBe('x11-xdotool');
    expect(strategy?.manualShortcut).toBe('Ctrl+V');
    await strategy!.paste();
    expect(run.runs.map((r) => [r.command, ...r.args])).toEqual([['xdotool', 'key', '--clearmodifiers', 'ctrl+v']]);
  });

  it('Wayland: uses wtype when present, even when XWayland also offers DISPLAY', async () => {
    const run = fakeRunner();
    const env = { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' };
    const strategy = await choosePasteStrategy({ platform: 'linux', env, which: fakeWhich(['xdotool', 'wtype']), run });
    expect(strategy?.name).toBe('wayland-wtype');
    await strategy!.paste();
    expect(run.runs.map((r) => [r.command, ...r.args])).toEqual([['wtype', '-M', 'ctrl', 'v', '-m', 'ctrl']]);
  });

  it('Wayland without wtype: no strategy (xdotool would report success without pasting)', async () => {
    const env = { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' };
    const which = fakeWhich(['xdotool']);
    expect(await choosePasteStrategy({ platform: 'linux', env, which, run: fakeRunner() })).toBeNull();
  });

  it('no strategy when the tool is missing or there is no display', async () => {
    const run = fakeRunner();
    expect(await choosePasteStrategy({ platform: 'linux', env: { DISPLAY: ':0' }, which: fakeWhich([]), run })).toBeNull();
    expect(await choosePasteStrategy({ platform: 'linux', env: {}, which: fakeWhich(['xdotool']), run })).toBeNull();
    expect(await choosePasteStrategy({ platform: 'darwin', env: {}, which: fakeWhich([]), run })).toBeNull();
    expect(await choosePasteStrategy({ platform: 'freebsd', env: {}, which: fakeWhich([]), run })).toBeNull();
    expect(run.runs).toEqual([]);
  });

  it('names the manual shortcut per platform', () => {
    expect(manualPasteShortcut('darwin')).toBe('⌘V');
    expect(manualPasteShortcut('win32')).toBe('Ctrl+V');
    expect(manualPasteShortcut('linux')).toBe('Ctrl+V');
  });
});

describe('paste failures', () => {
  async function failure(promise: Promise<void>): Promise<PasteError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PasteError);
    return error as PasteError;
  }

  it('macOS: a missing Accessibility permission is reported as permission denied', async () => {
    const run = fakeRunner({
      osascript: { code: 1, stderr: '36:83: execution error: System Events got an error: osascript is not allowed to send keystrokes. (1002)\n' },
    });
    const strategy = await choosePasteStrategy({ platform: 'darwin', env: {}, which: fakeWhich(['osascript']), run });
    const error = await failure(strategy!.paste());
    expect(error.kind).toBe('permission_denied');
    expect(error.message).toContain('not allowed to send keystrokes');
  });

  it('Windows: SendInput blocked by UIPI is a permission failure', async () => {
    const run = fakeRunner({ powershell: { code: 2, stderr: 'SendInput was blocked: sent 0 of 4 key events' } });
    const strategy = await choosePasteStrategy({ platform: 'win32', env: {}, which: fakeWhich(['powershell']), run });
    expect((await failure(strategy!.paste())).kind).toBe('permission_denied');
  });

  it('Wayland: a compositor without virtual-keyboard support is a plain failure', async () => {
    const run = fakeRunner({ wtype: { code: 1, stderr: 'Compositor does not support the virtual keyboard protocol' } });
    const env = { WAYLAND_DISPLAY: 'wayland-0' };
    const strategy = await choosePasteStrategy({ platform: 'linux', env, which: fakeWhich(['wtype']), run });
    const error = await failure(strategy!.paste());
    expect(error.kind).toBe('failed');
    expect(error.message).toBe('wtype exited with 1: Compositor does not support the virtual keyboard protocol');
  });

  it('a killed or crashed tool is a failure with its exit described', async () => {
    const env = { DISPLAY: ':0' };
    const killed = fakeRunner({ xdotool: { code: null, stderr: '' } });
    const strategy = await choosePasteStrategy({ platform: 'linux', env, which: fakeWhich(['xdotool']), run: killed });
    const error = await failure(strategy!.paste());
    expect(error.kind).toBe('failed');
    expect(error.message).toBe('xdotool did not finish');
    const crashed = fakeRunner({ xdotool: { code: 1, stderr: 'Segmentation fault\nmore' } });
    const again = await choosePasteStrategy({ platform: 'linux', env, which: fakeWhich(['xdotool']), run: crashed });
    expect((await failure(again!.paste())).message).toBe('xdotool exited with 1: Segmentation fault');
  });
});
