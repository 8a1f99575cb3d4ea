/** Sends the paste keystroke to whatever app has focus once the overlay has hidden. */
export interface PasteStrategy {
  readonly name: string;
  /** The paste shortcut the agent presses by hand on this platform, for "Copied — press …". */
  readonly manualShortcut: string;
  available(): Promise<boolean>;
  /** Resolves once the keystroke was sent; rejects with PasteError when it could not be. */
  paste(): Promise<void>;
}

export type PasteFailureKind = 'no_tool' | 'permission_denied' | 'failed';

export class PasteError extends Error {
  constructor(
    readonly kind: PasteFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'PasteError';
  }
}

/** Turns a finished process into success or a PasteError; `permissionPattern` marks denials. */
export function checkPasteRun(
  tool: string,
  result: { code: number | null; stderr: string },
  permissionPattern?: RegExp,
): void {
  if (result.code === 0) return;
  const detail = result.stderr.trim().split('\n')[0] ?? '';
  if (permissionPattern?.test(result.stderr)) throw new PasteError('permission_denied', `${tool}: ${detail}`);
  const how = result.code === null ? 'did not finish' : `exited with ${result.code}`;
  throw new PasteError('failed', `${tool} ${how}${detail ? `: ${detail}` : ''}`);
}
