/**
 * The one hotkey rule, used by main (settings, the hotkey adapter) and by the renderer (recording
 * a shortcut, showing it). Validates Electron accelerator strings without Electron, so a bad hotkey
 * is refused with a clear message before it reaches globalShortcut (which only answers true/false),
 * and the Settings screen never offers a shortcut main would refuse.
 */
const MODIFIERS = new Map<string, string>(
  [
    ['command', 'Command'],
    ['cmd', 'Command'],
    ['control', 'Control'],
    ['ctrl', 'Control'],
    ['commandorcontrol', 'CommandOrControl'],
    ['cmdorctrl', 'CommandOrControl'],
    ['alt', 'Alt'],
    ['option', 'Alt'],
    ['altgr', 'AltGr'],
    ['shift', 'Shift'],
    ['super', 'Super'],
    ['meta', 'Meta'],
  ],
);

const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert',
  'Return', 'Enter', 'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape',
  'Esc', 'VolumeUp', 'VolumeDown', 'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop',
  'MediaPlayPause', 'PrintScreen', 'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
];
const NAMED_KEY_LOOKUP = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
const PUNCTUATION = new Set([...')!@#$%^&*(:;+=<,_->.?/~`{][|\\}"\'']);

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; message: string };

function normaliseKey(raw: string): string | null {
  if (/^[a-z0-9]$/i.test(raw)) return raw.toUpperCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(raw)) return raw.toUpperCase();
  if (/^num[0-9]$/i.test(raw)) return raw.toLowerCase();
  if (PUNCTUATION.has(raw)) return raw;
  return NAMED_KEY_LOOKUP.get(raw.toLowerCase()) ?? null;
}

/**
 * Accepts e.g. `CommandOrControl+Shift+Space`; returns it in canonical spelling. A global hotkey
 * needs a modifier other than Shift (or a function key): a bare letter would swallow typing everywhere.
 */
export function checkAccelerator(input: string): AcceleratorCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'The hotkey is empty. Press a key combination such as Ctrl+Shift+Space.' };
  // "+" is both the separator and a key; Electron spells the key "Plus".
  const parts = text.split('+');
  if (parts.some((p) => p.trim() === '')) {
    return { ok: false, message: `"${input}" is not a hotkey: use "Plus" for the + key, and no empty parts.` };
  }
  const keyRaw = parts.pop()!.trim();
  const modifiers: string[] = [];
  for (const part of parts) {
    const modifier = MODIFIERS.get(part.trim().toLowerCase());
    if (!modifier) {
      return { ok: false, message: `"${part.trim()}" in "${input}" is not a modifier (use Ctrl, Alt, Shift, Cmd, CommandOrControl or Super).` };
    }
    if (modifiers.includes(modifier)) return { ok: false, message: `"${input}" names ${modifier} twice.` };
    modifiers.push(modifier);
  }
  if (MODIFIERS.has(keyRaw.toLowerCase())) {
    return { ok: false, message: `"${input}" has no key: a hotkey ends with a key such as Space or K, not a modifier.` };
  }
  const key = normaliseKey(keyRaw);
  if (!key) return { ok: false, message: `"${keyRaw}" in "${input}" is not a key Cuecard can use as a hotkey.` };
  const isFunctionKey = /^F\d+$/.test(key);
  if (!isFunctionKey && modifiers.every((m) => m === 'Shift')) {
    return { ok: false, message: `"${input}" needs Ctrl, Alt, Cmd or Super: a hotkey without one would take over normal typing.` };
  }
  return { ok: true, accelerator: [...modifiers, key].join('+') };
}

/** The keyboard event fields a recorded shortcut is built from (a DOM KeyboardEvent has them). */
export interface KeyPress {
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export type RecordedKey =
  | { kind: 'accelerator'; accelerator: string }
  | { kind: 'incomplete' }
  | { kind: 'unsupported'; reason: string };

/** Electron's spelling of keys whose DOM `code` is not simply the key's name. */
const KEY_FOR_CODE: Record<string, string> = {
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

/** The accelerator key for a physical key (DOM `KeyboardEvent.code`), or null for keys Electron cannot bind. */
function keyForCode(code: string): string | null {
  const letterOrDigit = /^(?:Key([A-Z])|(?:Digit|Numpad)([0-9]))$/.exec(code);
  if (letterOrDigit) return letterOrDigit[1] ?? letterOrDigit[2] ?? null;
  if (Object.hasOwn(KEY_FOR_CODE, code)) return KEY_FOR_CODE[code]!;
  return normaliseKey(code);
}

/**
 * Builds an accelerator such as `CommandOrControl+Shift+Space` from a key press, then checks it with
 * the same rule as a typed one. The platform's primary modifier becomes `CommandOrControl` so the
 * setting roams across systems.
 */
export function acceleratorFromKey(event: KeyPress, isMac: boolean): RecordedKey {
  if (/^(?:Control|Shift|Alt|Meta|OS)(?:Left|Right)?$/.test(event.code)) return { kind: 'incomplete' };
  const key = keyForCode(event.code);
  if (!key) return { kind: 'unsupported', reason: `The key ${event.code || 'pressed'} cannot be used in a shortcut.` };
  const parts: string[] = [];
  if (isMac ? event.metaKey : event.ctrlKey) parts.push('CommandOrControl');
  if (isMac ? event.ctrlKey : event.metaKey) parts.push(isMac ? 'Control' : 'Super');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  const checked = checkAccelerator([...parts, key === '+' ? 'Plus' : key].join('+'));
  return checked.ok ? { kind: 'accelerator', accelerator: checked.accelerator } : { kind: 'unsupported', reason: checked.message };
}

/** A readable form of an accelerator for the agent's platform. */
export function describeAccelerator(accelerator: string, isMac: boolean): string {
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
