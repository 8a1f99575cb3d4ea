/**
 * The global hotkey. A new accelerator is registered before the old one is released, so a
 * taken or refused combination leaves the agent with the hotkey they had.
 */
import type { GlobalShortcut } from 'electron';
import { checkAccelerator } from '../../common/accelerator';
import type { HotkeyPort } from '../core/ports';

export class HotkeyManager implements HotkeyPort {
  private current: string | null = null;
  private lastProblem: string | null = null;

  constructor(
    private readonly shortcuts: Pick<GlobalShortcut, 'register' | 'unregister'>,
    private readonly onPressed: () => void,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  get accelerator(): string | null {
    return this.current;
  }

  problem(): string | null {
    return this.lastProblem;
  }

  apply(requested: string): { ok: true } | { ok: false; message: string } {
    const checked = checkAccelerator(requested);
    if (!checked.ok) return this.fail(checked.message);
    if (checked.accelerator === this.current) return { ok: true };
    let registered: boolean;
    try {
      registered = this.shortcuts.register(checked.accelerator, this.onPressed);
    } catch (error) {
      return this.fail(`${checked.accelerator} could not be used as a hotkey: ${(error as Error).message}`);
    }
    if (!registered) {
      return this.fail(
        `${checked.accelerator} is already used by another app. Pick another hotkey in Settings` +
          (this.current ? `; ${this.current} still works.` : '.'),
      );
    }
    if (this.current) this.shortcuts.unregister(this.current);
    this.current = checked.accelerator;
    this.lastProblem = null;
    return { ok: true };
  }

  private fail(message: string): { ok: false; message: string } {
    this.lastProblem = message;
    this.onProblem(message);
    return { ok: false, message };
  }
}
