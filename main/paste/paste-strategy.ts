/** Why a paste failed, and the error the strategies (main/core/ports.ts `PasteStrategy`) reject with. */
export type PasteFailureKind =
  /** The OS refused synthetic input (macOS Accessibility, Windows UIPI, Wayland permission). */
  | 'permission_denied'
  /** The display server could not be reached ("Can't open display"). */
  | 'no_display'
  /** The focused window is one that must not, or cannot, take synthetic keys. */
  | 'refused_target'
  /** Which window has focus (and so which shortcut fits) could not be read. */
  | 'unknown_target'
  | 'failed';

export class PasteError extends Error {
  constructor(
    readonly kind: PasteFailureKind,
    message: string,
    /** What the agent should press by hand in the target window, when it differs from the platform's default. */
    readonly shortcut?: string,
    /** Why, in words for the agent (e.g. the target window's name); shown after the shortcut. */
    readonly reason?: string,
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
  const detail = firstLine(result.stderr);
  if (permissionPattern?.test(result.stderr)) throw new PasteError('permission_denied', `${tool}: ${detail}`);
  const how = result.code === null ? 'did not finish' : `exited with ${result.code}`;
  throw new PasteError('failed', `${tool} ${how}${detail ? `: ${detail}` : ''}`);
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
