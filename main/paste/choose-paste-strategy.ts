import { X11Paste, WaylandPaste } from './linux-paste';
import { MacOsPaste } from './macos-paste';
import type { ProcessRunner, Which } from './process-runner';
import type { PasteStrategy } from '../core/ports';
import { WindowsPaste } from './windows-paste';

export interface PastePlatform {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  which: Which;
  run: ProcessRunner;
}

/** The strategies worth trying on this platform, best first. */
export function candidatePasteStrategies({ platform, env, which, run }: PastePlatform): PasteStrategy[] {
  if (platform === 'darwin') return [new MacOsPaste({ run, which })];
  if (platform === 'win32') return [new WindowsPaste({ run, which, env })];
  if (env.WAYLAND_DISPLAY) {
    // xdotool under XWayland reaches only X11 windows and reports success even when the focused
    // window is a native Wayland app, so it would claim "pasted" when nothing happened.
    return [new WaylandPaste({ run, which, env })];
  }
  return [new X11Paste({ run, which, env })];
}

/** The first available strategy, or null when pasting is not possible (the reply is then only copied). */
export async function choosePasteStrategy(platform: PastePlatform): Promise<PasteStrategy | null> {
  for (const strategy of candidatePasteStrategies(platform)) {
    if (await strategy.available()) return strategy;
  }
  return null;
}
