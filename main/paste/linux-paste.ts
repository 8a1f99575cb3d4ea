import type { ProcessRunner, Which } from './process-runner';
import { PASTE_SHORTCUT } from './paste-shortcuts';
import { checkPasteRun, firstLine, PasteError } from './paste-strategy';
import type { PasteSent, PasteStrategy } from '../core/ports';
import { classifyX11Window, parseWmClass } from './x11-targets';

interface LinuxDeps {
  run: ProcessRunner;
  which: Which;
  env: NodeJS.ProcessEnv;
}

const NO_DISPLAY = /Can't open display|cannot open display|Authorization required|No protocol specified/i;

/**
 * X11: reads the focused window's WM_CLASS (xdotool finds the window, xprop reads the class),
 * then xdotool types the shortcut that fits it — Ctrl+Shift+V in a terminal, Ctrl+V elsewhere —
 * through XTEST (no `--window`: xterm and others ignore XSendEvent keys), releasing any modifier
 * the agent still holds first.
 */
export class X11Paste implements PasteStrategy {
  readonly name = 'x11-xdotool';

  constructor(private readonly deps: LinuxDeps) {}

  async available(): Promise<boolean> {
    if (!this.deps.env.DISPLAY) return false;
    const [xdotool, xprop] = await Promise.all([this.deps.which('xdotool'), this.deps.which('xprop')]);
    return xdotool !== null && xprop !== null;
  }

  async paste(): Promise<PasteSent> {
    const target = classifyX11Window(await this.focusedWindowClass());
    if (target.kind === 'refuses') {
      throw new PasteError('refused_target', `not pasting: ${target.reason}`, target.shortcut, target.reason);
    }
    const result = await this.deps.run('xdotool', ['key', '--clearmodifiers', target.keys]);
    this.checkDisplay('xdotool', result);
    checkPasteRun('xdotool', result);
    return { shortcut: target.shortcut };
  }

  /** WM_CLASS names of the window that has focus; `_NET_ACTIVE_WINDOW` first, the X input focus without a window manager. */
  private async focusedWindowClass(): Promise<string[]> {
    const active = await this.deps.run('xdotool', ['getactivewindow']);
    this.checkDisplay('xdotool', active);
    let window = active.code === 0 ? active.stdout.trim() : '';
    if (!/^\d+$/.test(window)) {
      const focused = await this.deps.run('xdotool', ['getwindowfocus']);
      this.checkDisplay('xdotool', focused);
      window = focused.code === 0 ? focused.stdout.trim() : '';
    }
    if (!/^\d+$/.test(window)) {
      throw new PasteError('unknown_target', 'xdotool could not tell which window has focus', PASTE_SHORTCUT.standard);
    }
    const props = await this.deps.run('xprop', ['-id', window, 'WM_CLASS']);
    this.checkDisplay('xprop', props);
    const names = props.code === 0 ? parseWmClass(props.stdout) : [];
    if (names.length === 0) {
      const why = props.code === 0 ? 'it has no WM_CLASS' : firstLine(props.stderr);
      throw new PasteError('unknown_target', `xprop could not read the class of window ${window}: ${why}`, PASTE_SHORTCUT.standard);
    }
    return names;
  }

  /** "Can't open display" is the display being unreachable (wrong DISPLAY, no X auth), not a refused permission. */
  private checkDisplay(tool: string, result: { code: number | null; stderr: string }): void {
    if (result.code !== 0 && NO_DISPLAY.test(result.stderr)) {
      throw new PasteError('no_display', `${tool}: ${firstLine(result.stderr)}`, undefined, `Cuecard can't open the X display ${this.deps.env.DISPLAY ?? ''}`.trim());
    }
  }
}

/**
 * Wayland: wtype presses Ctrl, taps v, releases Ctrl. It only works on compositors with the
 * virtual-keyboard protocol (wlroots-based, e.g. Sway); elsewhere it exits non-zero and the reply
 * stays on the clipboard. Wayland does not tell other clients which window has focus, so a
 * terminal cannot be told apart here.
 */
export class WaylandPaste implements PasteStrategy {
  readonly name = 'wayland-wtype';

  constructor(private readonly deps: LinuxDeps) {}

  async available(): Promise<boolean> {
    return Boolean(this.deps.env.WAYLAND_DISPLAY) && (await this.deps.which('wtype')) !== null;
  }

  async paste(): Promise<PasteSent> {
    checkPasteRun('wtype', await this.deps.run('wtype', ['-M', 'ctrl', 'v', '-m', 'ctrl']), /permission denied/i);
    return { shortcut: PASTE_SHORTCUT.standard };
  }
}
