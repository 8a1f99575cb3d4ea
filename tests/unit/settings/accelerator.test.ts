import { describe, expect, it } from 'vitest';
import { acceleratorFromKey, checkAccelerator, describeAccelerator, type KeyPress } from '../../../common/accelerator';

describe('checkAccelerator', () => {
  it.each([
    ['CommandOrControl+Shift+Space', 'CommandOrControl+Shift+Space'],
    ['cmdorctrl+shift+space', 'CommandOrControl+Shift+Space'],
    ['Ctrl+Alt+k', 'Control+Alt+K'],
    ['Alt+F1', 'Alt+F1'],
    ['F13', 'F13'],
    ['Shift+F2', 'Shift+F2'],
    ['Super+Plus', 'Super+Plus'],
    ['Ctrl+/', 'Control+/'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(checkAccelerator(input)).toEqual({ ok: true, accelerator: canonical });
  });

  it.each([
    ['', 'The hotkey is empty. Press a key combination such as Ctrl+Shift+Space.'],
    ['Ctrl+Banana', '"Banana" in "Ctrl+Banana" is not a key Cuecard can use as a hotkey.'],
    ['Hyper+K', '"Hyper" in "Hyper+K" is not a modifier (use Ctrl, Alt, Shift, Cmd, CommandOrControl or Super).'],
    ['Ctrl+Shift', '"Ctrl+Shift" has no key: a hotkey ends with a key such as Space or K, not a modifier.'],
    ['K', '"K" needs Ctrl, Alt, Cmd or Super: a hotkey without one would take over normal typing.'],
    ['Shift+K', '"Shift+K" needs Ctrl, Alt, Cmd or Super: a hotkey without one would take over normal typing.'],
    ['Ctrl++', '"Ctrl++" is not a hotkey: use "Plus" for the + key, and no empty parts.'],
    ['Ctrl+Ctrl+K', '"Ctrl+Ctrl+K" names Control twice.'],
  ])('refuses %j with a clear message', (input, message) => {
    expect(checkAccelerator(input)).toEqual({ ok: false, message });
  });
});

const press = (code: string, modifiers: Partial<Omit<KeyPress, 'code'>> = {}): KeyPress => ({
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('acceleratorFromKey (the Settings recorder) follows the same rule', () => {
  it('refuses Shift+K, which main would refuse too (the recorder used to accept it)', () => {
    expect(acceleratorFromKey(press('KeyK', { shiftKey: true }), false)).toEqual({
      kind: 'unsupported',
      reason: '"Shift+K" needs Ctrl, Alt, Cmd or Super: a hotkey without one would take over normal typing.',
    });
  });

  it.each([
    [press('Space', { ctrlKey: true, shiftKey: true }), false, 'CommandOrControl+Shift+Space'],
    [press('Space', { metaKey: true, shiftKey: true }), true, 'CommandOrControl+Shift+Space'],
    [press('KeyK', { ctrlKey: true }), true, 'Control+K'],
    [press('KeyK', { metaKey: true, altKey: true }), false, 'Super+Alt+K'],
    [press('ArrowUp', { altKey: true }), false, 'Alt+Up'],
    [press('Slash', { ctrlKey: true }), false, 'CommandOrControl+/'],
    [press('Digit7', { ctrlKey: true }), false, 'CommandOrControl+7'],
    [press('F9'), false, 'F9'],
  ])('records %j (mac: %s) as %s, which main accepts as is', (event, isMac, accelerator) => {
    expect(acceleratorFromKey(event, isMac)).toEqual({ kind: 'accelerator', accelerator });
    expect(checkAccelerator(accelerator)).toEqual({ ok: true, accelerator });
  });

  it('waits while only modifiers are down, and names keys it cannot bind', () => {
    expect(acceleratorFromKey(press('ShiftLeft', { shiftKey: true }), false)).toEqual({ kind: 'incomplete' });
    expect(acceleratorFromKey(press('NumpadAdd', { ctrlKey: true }), false)).toEqual({
      kind: 'unsupported',
      reason: 'The key NumpadAdd cannot be used in a shortcut.',
    });
  });

  it('describes a shortcut in the platform’s words', () => {
    expect(describeAccelerator('CommandOrControl+Shift+Space', false)).toBe('Ctrl+Shift+Space');
    expect(describeAccelerator('CommandOrControl+Shift+Space', true)).toBe('⌘⇧Space');
  });
});
