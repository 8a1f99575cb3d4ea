import { describe, expect, it } from 'vitest';
import { classifyX11Window, parseWmClass } from '../../../main/paste/x11-targets';

describe('parseWmClass', () => {
  it('reads instance and class from xprop output', () => {
    expect(parseWmClass('WM_CLASS(STRING) = "gnome-terminal-server", "Gnome-terminal"\n')).toEqual(['gnome-terminal-server', 'Gnome-terminal']);
  });

  it('unescapes quotes inside a name and ignores other lines', () => {
    expect(parseWmClass('_NET_WM_PID(CARDINAL) = 7\nWM_CLASS(STRING) = "we\\"ird", "App"\n')).toEqual(['we"ird', 'App']);
  });

  it('a window without WM_CLASS has no names', () => {
    expect(parseWmClass('WM_CLASS:  not found.\n')).toEqual([]);
    expect(parseWmClass('')).toEqual([]);
  });
});

describe('classifyX11Window', () => {
  it('matches either name, whatever its case', () => {
    expect(classifyX11Window(['whatever', 'XTerm'])).toEqual({ kind: 'terminal', shortcut: 'Ctrl+Shift+V', keys: 'ctrl+shift+v' });
    expect(classifyX11Window(['KONSOLE', 'x'])).toEqual({ kind: 'terminal', shortcut: 'Ctrl+Shift+V', keys: 'ctrl+shift+v' });
  });

  it('an ordinary app gets Ctrl+V', () => {
    expect(classifyX11Window(['Navigator', 'firefox'])).toEqual({ kind: 'app', shortcut: 'Ctrl+V', keys: 'ctrl+v' });
  });

  it('a password prompt refuses synthetic keys', () => {
    expect(classifyX11Window(['pinentry-gtk-2', 'Pinentry-gtk-2'])).toEqual({
      kind: 'refuses',
      shortcut: 'Ctrl+V',
      reason: 'it is a password prompt or screen lock, which refuses synthetic keys',
    });
  });
});
