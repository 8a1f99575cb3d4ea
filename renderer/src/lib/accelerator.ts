import { isMac } from './platform';

const namedKeys: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
};

/** The Electron name of the physical key, or null for modifiers and keys Electron cannot bind. */
function keyName(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1] ?? null;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  if (digit) return digit[1] ?? null;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return namedKeys[code] ?? null;
}

export type RecordedKey =
  | { kind: 'accelerator'; accelerator: string }
  | { kind: 'incomplete' }
  | { kind: 'unsupported'; reason: string };

type KeyLike = Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/**
 * Builds an Electron accelerator such as `CommandOrControl+Shift+Space` from a keydown.
 * The platform's primary modifier becomes `CommandOrControl` so the setting roams across systems.
 */
export function acceleratorFromKey(event: KeyLike): RecordedKey {
  if (/^(?:Control|Shift|Alt|Meta|OS)(?:Left|Right)?$/.test(event.code)) return { kind: 'incomplete' };
  const key = keyName(event.code);
  if (!key) return { kind: 'unsupported', reason: `The key ${event.code || 'pressed'} cannot be used in a shortcut.` };
  const parts: string[] = [];
  const primary = isMac ? event.metaKey : event.ctrlKey;
  const secondary = isMac ? event.ctrlKey : event.metaKey;
  if (primary) parts.push('CommandOrControl');
  if (secondary) parts.push(isMac ? 'Control' : 'Super');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  const isFunctionKey = /^F\d+$/.test(key);
  if (parts.length === 0 && !isFunctionKey) {
    return { kind: 'unsupported', reason: 'Add Ctrl, Alt or Shift: a single key would fire while typing.' };
  }
  return { kind: 'accelerator', accelerator: [...parts, key].join('+') };
}

/** A readable form of an accelerator for the current platform. */
export function describeAccelerator(accelerator: string): string {
  return accelerator
    .split('+')
    .map((part) => {
      if (part === 'CommandOrControl' || part === 'CmdOrCtrl') return isMac ? '⌘' : 'Ctrl';
      if (part === 'Super') return isMac ? '⌘' : 'Win';
      if (part === 'Alt') return isMac ? '⌥' : 'Alt';
      if (part === 'Shift') return isMac ? '⇧' : 'Shift';
      return part;
    })
    .join(isMac ? '' : '+');
}
