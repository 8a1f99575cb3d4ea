import { describe, expect, it } from 'vitest';
import { checkAccelerator } from '../../../main/settings/accelerator';

describe('checkAccelerator', () => {
  it.each([
    ['CommandOrControl+Shift+Space', 'CommandOrControl+Shift+Space'],
    ['cmdorctrl+shift+space', 'CommandOrControl+Shift+Space'],
    ['Ctrl+Alt+k', 'Control+Alt+K'],
    ['Alt+F1', 'Alt+F1'],
    ['F13', 'F13'],
    ['Super+Plus', 'Super+Plus'],
    ['Ctrl+/', 'Control+/'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(checkAccelerator(input)).toEqual({ ok: true, accelerator: canonical });
  });

  it.each([
    ['', /empty/],
    ['Ctrl+Banana', /"Banana".*not a key/],
    ['Hyper+K', /"Hyper".*not a modifier/],
    ['Ctrl+Shift', /has no key/],
    ['K', /needs Ctrl, Alt, Cmd or Super/],
    ['Shift+K', /needs Ctrl, Alt, Cmd or Super/],
    ['Ctrl++', /use "Plus"/],
    ['Ctrl+Ctrl+K', /twice/],
  ])('refuses %j with a clear message', (input, message) => {
    const result = checkAccelerator(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
