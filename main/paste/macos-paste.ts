import { PASTE_SHORTCUT } from './paste-shortcuts';
import type { ProcessRunner, Which } from './process-runner';
import { checkPasteRun } from './paste-strategy';
import type { PasteSent, PasteStrategy } from '../core/ports';

const SCRIPT = 'tell application "System Events" to keystroke "v" using command down';

/**
 * macOS: System Events sends ⌘V. Needs the Accessibility permission (and Automation for System
 * Events); without it osascript fails with "not allowed to send keystrokes" (error 1002) or -1743.
 */
const PERMISSION_DENIED = /not allowed|1002|-1743|-25211|assistive access/i;

/** By absolute path, like PowerShell on Windows: never whatever `osascript` comes first on PATH. */
const OSASCRIPT = '/usr/bin/osascript';

export class MacOsPaste implements PasteStrategy {
  readonly name = 'macos-osascript';

  constructor(private readonly deps: { run: ProcessRunner; which: Which }) {}

  async available(): Promise<boolean> {
    return (await this.deps.which(OSASCRIPT)) !== null;
  }

  async paste(): Promise<PasteSent> {
    checkPasteRun('osascript', await this.deps.run(OSASCRIPT, ['-e', SCRIPT]), PERMISSION_DENIED);
    return { shortcut: PASTE_SHORTCUT.mac };
  }
}
