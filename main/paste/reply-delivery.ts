/**
 * Puts a rendered reply where the agent needs it: on the clipboard, then (in paste mode) into the
 * app they came from. Any failure to paste leaves the reply on the clipboard and says so, with the
 * shortcut that fits the target window; the agent is never told "pasted" when nothing was.
 */
import { assertNever } from '../../common/assert-never';
import type { InsertOutcome, RenderedReply } from '../../common/ipc-contract';
import type { ClipboardPort, ClipboardSnapshot, Logger, OverlayPort } from '../core/ports';
import { PasteError } from './paste-strategy';
import type { PasteStrategy } from '../core/ports';

export interface ReplyDeliveryDeps {
  clipboard: ClipboardPort;
  /** Hides the overlay and gives focus back to the app the agent came from. */
  overlay: OverlayPort;
  /** Resolves the strategy for this machine; null when no paste tool is available. */
  strategy: () => Promise<PasteStrategy | null>;
  sleep: (ms: number) => Promise<void>;
  /** What to press when nothing is known of the target window: "⌘V" on macOS, "Ctrl+V" elsewhere. */
  manualShortcut: string;
  /** Time for focus to land in the previous app before the keystroke. */
  focusSettleMs?: number;
  /** Time the target app gets to read the clipboard before the previous content is put back. */
  restoreDelayMs?: number;
  log: Logger;
}

export class ReplyDelivery {
  constructor(private readonly deps: ReplyDeliveryDeps) {}

  async deliver(reply: RenderedReply, mode: 'paste' | 'copy', restoreClipboard: boolean): Promise<InsertOutcome> {
    const previous = mode === 'paste' && restoreClipboard ? await this.snapshotPrevious() : null;
    await this.deps.clipboard.write(reply);
    await this.deps.overlay.hide();
    if (mode === 'copy') return this.copied(this.deps.manualShortcut);

    const strategy = await this.deps.strategy().catch((error: unknown) => {
      this.deps.log('no paste tool could be chosen', error);
      return null;
    });
    if (!strategy) return this.copied(this.deps.manualShortcut);
    await this.deps.sleep(this.deps.focusSettleMs ?? 120);
    try {
      await strategy.paste();
    } catch (error) {
      this.deps.log(`paste via ${strategy.name} failed`, error);
      if (!(error instanceof PasteError)) return this.copied(this.deps.manualShortcut);
      return this.copied(error.shortcut ?? this.deps.manualShortcut, failureHint(error, strategy));
    }
    const note = previous === null ? '' : await this.restore(previous);
    return { delivery: 'pasted', message: `Pasted${note}` };
  }

  private copied(shortcut: string, hint = ''): InsertOutcome {
    return { delivery: 'copied', message: `Copied — press ${shortcut}${hint}` };
  }

  private async snapshotPrevious(): Promise<ClipboardSnapshot | 'unreadable'> {
    try {
      return await this.deps.clipboard.snapshot();
    } catch (error) {
      this.deps.log('could not read the clipboard to restore it later', error);
      return 'unreadable'; // pasting still goes ahead; the outcome says the old content is gone
    }
  }

  /** Puts the previous clipboard back; returns what the agent should know when it could not be kept whole. */
  private async restore(previous: ClipboardSnapshot | 'unreadable'): Promise<string> {
    if (previous === 'unreadable') return '. The previous clipboard could not be read, so it was not put back.';
    await this.deps.sleep(this.deps.restoreDelayMs ?? 500);
    try {
      await this.deps.clipboard.restore(previous);
    } catch (error) {
      // The reply was pasted; failing to put the old clipboard back must not turn that into an error.
      this.deps.log('could not restore the clipboard', error);
      return '. The previous clipboard could not be put back.';
    }
    if (previous.unreadable.length > 0) {
      return `. The previous clipboard was put back without ${previous.unreadable.join(', ')}, which could not be read.`;
    }
    return '';
  }
}

function failureHint(error: PasteError, strategy: PasteStrategy): string {
  switch (error.kind) {
    case 'permission_denied':
      return strategy.name.startsWith('macos')
        ? '. To paste for you, Cuecard needs Accessibility access (System Settings › Privacy & Security › Accessibility).'
        : '. Pasting into this app was not allowed.';
    case 'no_display':
      return `. ${error.reason ?? "Cuecard can't open the display"}.`;
    case 'refused_target':
      return `. Not pasted: ${error.reason ?? 'this window refuses typed keys'}.`;
    case 'unknown_target':
      return '. Cuecard could not tell which window has focus.';
    case 'failed':
      return '';
    default:
      return assertNever(error.kind, 'paste failure kind');
  }
}
