/**
 * Validates Electron accelerator strings in plain Node, so a bad hotkey is refused with a clear
 * message before it reaches globalShortcut (which only answers true/false).
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
