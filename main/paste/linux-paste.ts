import type { ProcessRunner, Which } from './process-runner';
import { checkPasteRun } from './paste-strategy';
import type { PasteStrategy } from './paste-strategy';

interface LinuxDeps {
  run: ProcessRunner;
  which: Which;
  env: NodeJS.ProcessEnv;
}

/** X11: xdotool types Ctrl+V, releasing any modifier the agent is still holding first. */
export class X11Paste implements PasteStrategy {
  readonly name = 'x11-xdotool';
  readonly manualShortcut = 'Ctrl+V';

  constructor(private readonly deps: LinuxDeps) {}

  async available(): Promise<boolean> {
    return Boolean(this.deps.env.DISPLAY) && (await this.deps.which('xdotool')) !== null;
  }

  async paste(): Promise<void> {
    checkPasteRun('xdotool', await this.deps.run('xdotool', ['key', '--clearmodifiers', 'ctrl+v']), /Authorization|Can't open display/i);
  }
}

/**
 * Wayland: wtype presses Ctrl, taps v, releases Ctrl. It only works on compositors with the
 * virtual-keyboard protocol (wlroots-based, e.g. Sway); elsewhere it exits non-zero and the reply
 * stays on the clipboard.
 */
export class WaylandPaste implements PasteStrategy {
  readonly name = 'wayland-wtype';
  readonly manualShortcut = 'Ctrl+V';

  constructor(private readonly deps: LinuxDeps) {}

  async available(): Promise<boolean> {
    return Boolean(this.deps.env.WAYLAND_DISPLAY) && (await this.deps.which('wtype')) !== null;
  }

  async paste(): Promise<void> {
    checkPasteRun('wtype', await this.deps.run('wtype', ['-M', 'ctrl', 'v', '-m', 'ctrl']), /permission denied/i);
  }
}
