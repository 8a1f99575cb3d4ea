import { describe, expect, it } from 'vitest';
import { choosePasteStrategy } from '../../../main/paste/choose-paste-strategy';
import { manualPasteShortcut } from '../../../main/paste/paste-shortcuts';
import { PasteError } from '../../../main/paste/paste-strategy';
import { WINDOWS_PASTE_SCRIPT, windowsPowerShellPath } from '../../../main/paste/windows-paste';
import { fakeRunner, fakeWhich, focusedX11Window } from './fakes';

const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const OSASCRIPT = '/usr/bin/osascript';
const X11 = { DISPLAY: ':0' };

async function failure(promise: Promise<unknown>): Promise<PasteError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PasteError);
  return error as PasteError;
}

describe('choosePasteStrategy', () => {
  it('macOS: sends ⌘V through System Events with /usr/bin/osascript', async () => {
    const run = fakeRunner();
    const strategy = await choosePasteStrategy({ platform: 'darwin', env: {}, which: fakeWhich([OSASCRIPT]), run });
    expect(strategy?.name).toBe('macos-osascript');
    expect(await strategy!.paste()).toEqual({ shortcut: '⌘V' });
    expect(run.runs).toEqual([
      {
        command: OSASCRIPT,
        args: ['-e', 'tell application "System Events" to keystroke "v" using command down'],
        input: undefined,
      },
    ]);
  });

  it('Windows: runs SendInput through PowerShell, by its absolute System32 path, with the script on stdin', async () => {
    const run = fakeRunner();
    // A powershell.exe on PATH (or in the working directory) is never the one run.
    const which = fakeWhich(['powershell', POWERSHELL]);
    const strategy = await choosePasteStrategy({ platform: 'win32', env: { SystemRoot: 'C:\\Windows' }, which, run });
    expect(strategy?.name).toBe('windows-sendinput');
    expect(await strategy!.paste()).toEqual({ shortcut: 'Ctrl+V' });
    expect(run.runs).toHaveLength(1);
    const [call] = run.runs;
    expect(call!.command).toBe(POWERSHELL);
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

  it('Windows: the System32 path follows SystemRoot, with C:\\Windows when it is unset', async () => {
    expect(windowsPowerShellPath({ SystemRoot: 'D:\\WINNT' })).toBe('D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(windowsPowerShellPath({})).toBe(POWERSHELL);
    // Only PowerShell on PATH: not available, so the reply is copied rather than a PATH lookup run.
    const run = fakeRunner();
    expect(await choosePasteStrategy({ platform: 'win32', env: {}, which: fakeWhich(['powershell']), run })).toBeNull();
    expect(run.runs).toEqual([]);
  });

  it('Linux X11: reads the focused window class, then sends Ctrl+V to an ordinary app, clearing held modifiers', async () => {
    const run = fakeRunner(focusedX11Window('gedit', 'Gedit'));
    const strategy = await choosePasteStrategy({ platform: 'linux', env: X11, which: fakeWhich(['xdotool', 'xprop', 'wtype']), run });
    expect(strategy?.name).toBe('x11-xdotool');
    expect(await strategy!.paste()).toEqual({ shortcut: 'Ctrl+V' });
    expect(run.runs.map((r) => [r.command, ...r.args])).toEqual([
      ['xdotool', 'getactivewindow'],
      ['xprop', '-id', '4194317', 'WM_CLASS'],
      ['xdotool', 'key', '--clearmodifiers', 'ctrl+v'],
    ]);
  });

  it.each([
    ['xterm', 'XTerm'],
    ['gnome-terminal-server', 'Gnome-terminal'],
    ['konsole', 'konsole'],
    ['kitty', 'kitty'],
    ['Alacritty', 'Alacritty'],
    ['tilix', 'Tilix'],
    ['org.wezfurlong.wezterm', 'org.wezfurlong.wezterm'],
    ['urxvt', 'URxvt'],
    ['foot', 'foot'],
    ['xfce4-terminal', 'Xfce4-terminal'],
  ])('Linux X11: a terminal (%s) gets Ctrl+Shift+V', async (instance, className) => {
    const run = fakeRunner(focusedX11Window(instance, className));
    const strategy = await choosePasteStrategy({ platform: 'linux', env: X11, which: fakeWhich(['xdotool', 'xprop']), run });
    expect(await strategy!.paste()).toEqual({ shortcut: 'Ctrl+Shift+V' });
    expect(run.runs.at(-1)!.args).toEqual(['key', '--clearmodifiers', 'ctrl+shift+v']);
  });

  it('Linux X11 without a window manager: falls back to the X input focus', async () => {
    const run = fakeRunner({
      'xdotool getactivewindow': { code: 1, stderr: 'Your windowmanager claims not to support _NET_ACTIVE_WINDOW, so the attempt to query the active window aborted.\n' },
      'xdotool getwindowfocus': { stdout: '2097166\n' },
      xprop: { stdout: 'WM_CLASS(STRING) = "xterm", "XTerm"\n' },
    });
    const strategy = await choosePasteStrategy({ platform: 'linux', env: X11, which: fakeWhich(['xdotool', 'xprop']), run });
    expect(await strategy!.paste()).toEqual({ shortcut: 'Ctrl+Shift+V' });
    expect(run.runs.map((r) => [r.command, ...r.args])).toEqual([
      ['xdotool', 'getactivewindow'],
      ['xdotool', 'getwindowfocus'],
      ['xprop', '-id', '2097166', 'WM_CLASS'],
      ['xdotool', 'key', '--clearmodifiers', 'ctrl+shift+v'],
    ]);
  });

  it('Wayland: uses wtype when present, even when XWayland also offers DISPLAY', async () => {
    const run = fakeRunner();
    const env = { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' };
    const strategy = await choosePasteStrategy({ platform: 'linux', env, which: fakeWhich(['xdotool', 'xprop', 'wtype']), run });
    expect(strategy?.name).toBe('wayland-wtype');
    expect(await strategy!.paste()).toEqual({ shortcut: 'Ctrl+V' });
    expect(run.runs.map((r) => [r.command, ...r.args])).toEqual([['wtype', '-M', 'ctrl', 'v', '-m', 'ctrl']]);
  });

  it('Wayland without wtype: no strategy (xdotool would report success without pasting)', async () => {
    const env = { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' };
    const which = fakeWhich(['xdotool', 'xprop']);
    expect(await choosePasteStrategy({ platform: 'linux', env, which, run: fakeRunner() })).toBeNull();
  });

  it('no strategy when a tool is missing or there is no display', async () => {
    const run = fakeRunner();
    expect(await choosePasteStrategy({ platform: 'linux', env: X11, which: fakeWhich([]), run })).toBeNull();
    // Without xprop the target window's class cannot be read, so the right shortcut is unknown.
    expect(await choosePasteStrategy({ platform: 'linux', env: X11, which: fakeWhich(['xdotool']), run })).toBeNull();
    expect(await choosePasteStrategy({ platform: 'linux', env: {}, which: fakeWhich(['xdotool', 'xprop']), run })).toBeNull();
    expect(await choosePasteStrategy({ platform: 'darwin', env: {}, which: fakeWhich([]), run })).toBeNull();
    // An osascript only on PATH is not the system's: not used.
    expect(await choosePasteStrategy({ platform: 'darwin', env: {}, which: fakeWhich(['osascript']), run })).toBeNull();
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
  const x11 = (answers: Parameters<typeof fakeRunner>[0]) => {
    const run = fakeRunner(answers);
    return { run, strategy: choosePasteStrategy({ platform: 'linux', env: X11, which: fakeWhich(['xdotool', 'xprop']), run }) };
  };

  it('macOS: a missing Accessibility permission is reported as permission denied', async () => {
    const run = fakeRunner({
      [OSASCRIPT]: { code: 1, stderr: '36:83: execution error: System Events got an error: osascript is not allowed to send keystrokes. (1002)\n' },
    });
    const strategy = await choosePasteStrategy({ platform: 'darwin', env: {}, which: fakeWhich([OSASCRIPT]), run });
    const error = await failure(strategy!.paste());
    expect(error.kind).toBe('permission_denied');
    expect(error.message).toBe('osascript: 36:83: execution error: System Events got an error: osascript is not allowed to send keystrokes. (1002)');
  });

  it('Windows: SendInput blocked by UIPI is a permission failure', async () => {
    const run = fakeRunner({ [POWERSHELL]: { code: 2, stderr: 'SendInput was blocked: sent 0 of 4 key events' } });
    const strategy = await choosePasteStrategy({ platform: 'win32', env: {}, which: fakeWhich([POWERSHELL]), run });
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

  it("X11: \"Can't open display\" is an unreachable display, not a refused permission", async () => {
    const { run, strategy } = x11({ 'xdotool getactivewindow': { code: 1, stderr: "Error: Can't open display: :0\nFailed creating new xdo instance\n" } });
    const error = await failure((await strategy)!.paste());
    expect(error.kind).toBe('no_display');
    expect(error.message).toBe("xdotool: Error: Can't open display: :0");
    expect(error.reason).toBe("Cuecard can't open the X display :0");
    expect(run.runs).toHaveLength(1); // nothing typed
  });

  it('X11: a window known to refuse synthetic keys gets none; the agent is told why', async () => {
    const { run, strategy } = x11(focusedX11Window('org.remmina.Remmina', 'org.remmina.Remmina'));
    const error = await failure((await strategy)!.paste());
    expect(error.kind).toBe('refused_target');
    expect(error.shortcut).toBe('Ctrl+V');
    expect(error.reason).toBe('keys typed there go to another computer, whose clipboard does not hold the reply');
    expect(run.runs.filter((r) => r.args[0] === 'key')).toEqual([]);
  });

  it("X11: the overlay still focused is refused (focus never went back to the agent's app)", async () => {
    const { run, strategy } = x11(focusedX11Window('cuecard', 'Cuecard'));
    expect((await failure((await strategy)!.paste())).reason).toBe('focus did not go back to the app you came from');
    expect(run.runs.filter((r) => r.args[0] === 'key')).toEqual([]);
  });

  it('X11: a focused window without a class is an unknown target; nothing is typed', async () => {
    const { run, strategy } = x11({ 'xdotool getactivewindow': { stdout: '77\n' }, xprop: { stdout: 'WM_CLASS:  not found.\n' } });
    const error = await failure((await strategy)!.paste());
    expect(error.kind).toBe('unknown_target');
    expect(error.message).toBe('xprop could not read the class of window 77: it has no WM_CLASS');
    expect(run.runs.filter((r) => r.args[0] === 'key')).toEqual([]);
  });

  it('X11: no focused window at all is an unknown target', async () => {
    const { strategy } = x11({
      'xdotool getactivewindow': { code: 1, stderr: 'xdo_get_active_window reported an error' },
      'xdotool getwindowfocus': { code: 1, stderr: 'XGetInputFocus returned the focused window of 1.' },
    });
    const error = await failure((await strategy)!.paste());
    expect(error.kind).toBe('unknown_target');
    expect(error.message).toBe('xdotool could not tell which window has focus');
  });

  it('a killed or crashed tool is a failure with its exit described', async () => {
    const killed = x11({ ...focusedX11Window('gedit', 'Gedit'), 'xdotool key': { code: null, stderr: '' } });
    const error = await failure((await killed.strategy)!.paste());
    expect(error.kind).toBe('failed');
    expect(error.message).toBe('xdotool did not finish');
    const crashed = x11({ ...focusedX11Window('gedit', 'Gedit'), 'xdotool key': { code: 1, stderr: 'Segmentation fault\nmore' } });
    expect((await failure((await crashed.strategy)!.paste())).message).toBe('xdotool exited with 1: Segmentation fault');
  });
});
