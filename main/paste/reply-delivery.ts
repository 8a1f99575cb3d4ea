/**
 * Puts a rendered reply where the agent needs it: on the clipboard, then (in paste mode) into the
 * app they came from. Any failure to paste leaves the reply on the clipboard and says so; the agent
 * is never told "pasted" when nothing was.
 */
import type { InsertOutcome, RenderedReply } from '../../common/ipc-contract';
import type { ClipboardPort, OverlayPort } from '../core/ports';
import { PasteError } from './paste-strategy';
import type { PasteStrategy } from './paste-strategy';

export interface ReplyDeliveryDeps {
  clipboard: ClipboardPort;
  /** Hides the overlay and gives focus back to the app the agent came from. */
  overlay: OverlayPort;
  /** Resolves the strategy for this machine; null when no paste tool is available. */
  strategy: () => Promise<PasteStrategy | null>;
  sleep: (ms: number) => Promise<void>;
  /** "⌘V" on macOS, "Ctrl+V" elsewhere. */
  manualShortcut: string;
  /** Time for focus to land in the previous app before the keystroke. */
  focusSettleMs?: number;
  /** Time the target app gets to read the clipboard before the previous content is put back. */
  restoreDelayMs?: number;
  log?: (message: string) => void;
}

export class ReplyDelivery {
  constructor(private readonly deps: ReplyDeliveryDeps) {}

  async deliver(reply: RenderedReply, mode: 'paste' | 'copy', restoreClipboard: boolean): Promise<InsertOutcome> {
    const previous = mode === 'paste' && restoreClipboard ? await this.readPrevious() : null;
    await this.deps.clipboard.write(reply);
    await this.deps.overlay.hide();
    if (mode === 'copy') return this.copied();

    const strategy = await this.deps.strategy().catch(() => null);
    if (!strategy) return this.copied();
    await this.deps.sleep(this.deps.focusSettleMs ?? 120);
    try {
      await strategy.paste();
    } catch (error) {
      this.deps.log?.(`paste via ${strategy.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return this.copied(error instanceof PasteError && error.kind === 'permission_denied' ? permissionHint(strategy) : '');
    }
    if (previous) await this.restore(previous);
    return { delivery: 'pasted', message: 'Pasted' };
  }

  private copied(hint = ''): InsertOutcome {
    return { delivery: 'copied', message: `Copied — press ${this.deps.manualShortcut}${hint}` };
  }

  private async readPrevious(): Promise<RenderedReply | null> {
    try {
      return await this.deps.clipboard.read();
    } catch {
      return null; // nothing readable to restore; pasting still goes ahead
    }
  }

  private async restore(previous: RenderedReply): Promise<void> {
    await this.deps.sleep(this.deps.restoreDelayMs ?? 500);
    try {
      await this.deps.clipboard.write(previous);
    } catch (error) {
      // The reply was pasted; failing to put the old clipboard back must not turn that into an error.
      this.deps.log?.(`could not restore the clipboard: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function permissionHint(strategy: PasteStrategy): string {
  return strategy.name.startsWith('macos')
    ? '. To paste for you, Cuecard needs Accessibility access (System Settings › Privacy & Security › Accessibility).'
    : '. Pasting into this app was not allowed.';
}
