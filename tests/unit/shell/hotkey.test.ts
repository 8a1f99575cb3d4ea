import { describe, expect, it } from 'vitest';
import { HotkeyManager } from '../../../main/shell/hotkey';

function fakeShortcuts(taken: string[] = []) {
  const registered = new Set<string>();
  return {
    registered,
    register: (accelerator: string) => {
      if (taken.includes(accelerator)) return false;
      registered.add(accelerator);
      return true;
    },
    unregister: (accelerator: string) => {
      registered.delete(accelerator);
    },
  };
}

describe('HotkeyManager', () => {
  it('registers the hotkey', () => {
    const shortcuts = fakeShortcuts();
    const manager = new HotkeyManager(shortcuts, () => undefined);
    expect(manager.apply('CommandOrControl+Shift+Space')).toEqual({ ok: true });
    expect([...shortcuts.registered]).toEqual(['CommandOrControl+Shift+Space']);
  });

  it('reports a hotkey owned by another app and keeps the old one', () => {
    const shortcuts = fakeShortcuts(['Alt+Space']);
    const problems: string[] = [];
    const manager = new HotkeyManager(shortcuts, () => undefined, (m) => problems.push(m));
    manager.apply('CommandOrControl+Shift+Space');
    const result = manager.apply('Alt+Space');
    expect(result.ok).toBe(false);
    expect(problems).toEqual(['Alt+Space is already used by another app. Pick another hotkey in Settings; CommandOrControl+Shift+Space still works.']);
    expect(manager.accelerator).toBe('CommandOrControl+Shift+Space');
    expect(manager.problem()).toBe(problems[0]);
    expect([...shortcuts.registered]).toEqual(['CommandOrControl+Shift+Space']);
  });

  it('refuses a string that is not an accelerator without touching the current one', () => {
    const shortcuts = fakeShortcuts();
    const manager = new HotkeyManager(shortcuts, () => undefined);
    manager.apply('Ctrl+K');
    const result = manager.apply('Ctrl+Banana');
    expect(result).toMatchObject({ ok: false });
    expect(manager.accelerator).toBe('Control+K');
    expect([...shortcuts.registered]).toEqual(['Control+K']);
  });

  it('swaps to a free hotkey and releases the old one', () => {
    const shortcuts = fakeShortcuts();
    const manager = new HotkeyManager(shortcuts, () => undefined);
    manager.apply('Ctrl+K');
    expect(manager.apply('Alt+Shift+J')).toEqual({ ok: true });
    expect([...shortcuts.registered]).toEqual(['Alt+Shift+J']);
    expect(manager.problem()).toBeNull();
  });

  it('calls back on press', () => {
    let pressed = 0;
    let callback: (() => void) | undefined;
    const manager = new HotkeyManager(
      { register: (_a: string, cb: () => void) => ((callback = cb), true), unregister: () => undefined },
      () => (pressed += 1),
    );
    manager.apply('Ctrl+Shift+Space');
    callback?.();
    expect(pressed).toBe(1);
  });

  it('a hotkey Electron throws on (e.g. refused by the OS) is a reported problem, and the old hotkey stays', () => {
    const registered = new Set<string>();
    const problems: string[] = [];
    const shortcuts = {
      register: (accelerator: string) => {
        if (accelerator === 'Alt+Shift+J') throw new Error('Failed to register the global shortcut');
        registered.add(accelerator);
        return true;
      },
      unregister: (accelerator: string) => void registered.delete(accelerator),
    };
    const manager = new HotkeyManager(shortcuts, () => undefined, (m) => problems.push(m));
    expect(manager.apply('Ctrl+K')).toEqual({ ok: true });
    const message = 'Alt+Shift+J could not be used as a hotkey: Failed to register the global shortcut';
    expect(manager.apply('Alt+Shift+J')).toEqual({ ok: false, message });
    expect(problems).toEqual([message]);
    expect(manager.problem()).toBe(message);
    expect(manager.accelerator).toBe('Control+K');
    expect([...registered]).toEqual(['Control+K']);
  });
});
