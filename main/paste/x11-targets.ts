/**
 * What an X11 window wants for "paste", decided from its WM_CLASS (instance and class names).
 * Terminals read Ctrl+V as ^V (literal next) and paste on Ctrl+Shift+V; a few windows must not
 * get synthetic keys at all. Everything else is an ordinary app: Ctrl+V.
 */
import { PASTE_SHORTCUT } from './paste-shortcuts';

export type X11Target =
  | { kind: 'app'; shortcut: string; keys: string }
  | { kind: 'terminal'; shortcut: string; keys: string }
  | { kind: 'refuses'; shortcut: string; reason: string };

/** WM_CLASS names (lower-cased) of terminal emulators; either the instance or the class may match. */
const TERMINALS = new Set([
  'xterm', 'uxterm', 'gnome-terminal', 'gnome-terminal-server', 'konsole', 'kitty', 'alacritty', 'tilix',
  'org.wezfurlong.wezterm', 'wezterm', 'urxvt', 'rxvt', 'rxvt-unicode', 'foot', 'footclient', 'terminator',
  'xfce4-terminal', 'mate-terminal', 'lxterminal', 'qterminal', 'terminology', 'st', 'st-256color', 'guake',
  'tilda', 'yakuake', 'sakura', 'kgx', 'org.gnome.console', 'org.gnome.ptyxis', 'ptyxis', 'cool-retro-term',
  'hyper', 'com.raggesilver.blackbox', 'blackbox', 'contour', 'ghostty', 'com.mitchellh.ghostty', 'eterm',
  'deepin-terminal', 'io.elementary.terminal', 'pantheon-terminal', 'roxterm', 'termite', 'warp', 'dev.warp.warp',
]);

/**
 * Windows where a synthetic Ctrl+V must not be sent, and why (shown to the agent). Remote-desktop
 * and VM viewers forward keys to another machine, whose clipboard does not hold the reply; password
 * prompts and screen lockers grab the keyboard and refuse synthetic input; and if Cuecard's own
 * overlay still has focus, focus never went back to the agent's app.
 */
const REFUSING: Array<{ names: string[]; reason: string }> = [
  {
    names: ['remmina', 'xfreerdp', 'wlfreerdp', 'rdesktop', 'vncviewer', 'tigervnc', 'remote-viewer', 'virt-viewer',
      'virt-manager', 'virtualbox', 'virtualbox machine', 'vmware', 'vmplayer', 'qemu', 'qemu-system-x86_64',
      'spicy', 'krdc', 'org.remmina.remmina', 'anydesk', 'teamviewer', 'rustdesk', 'citrix', 'wfica'],
    reason: 'keys typed there go to another computer, whose clipboard does not hold the reply',
  },
  {
    names: ['pinentry', 'pinentry-gtk-2', 'pinentry-gnome3', 'pinentry-qt', 'gcr-prompter', 'ssh-askpass',
      'x11-ssh-askpass', 'polkit-gnome-authentication-agent-1', 'xscreensaver', 'i3lock', 'xsecurelock',
      'slock', 'light-locker', 'xlock'],
    reason: 'it is a password prompt or screen lock, which refuses synthetic keys',
  },
  { names: ['cuecard'], reason: 'focus did not go back to the app you came from' },
];

export function classifyX11Window(wmClass: readonly string[]): X11Target {
  const names = wmClass.map((name) => name.toLowerCase());
  const refusing = REFUSING.find((entry) => names.some((name) => entry.names.includes(name)));
  if (refusing) return { kind: 'refuses', shortcut: PASTE_SHORTCUT.standard, reason: refusing.reason };
  if (names.some((name) => TERMINALS.has(name))) return { kind: 'terminal', shortcut: PASTE_SHORTCUT.terminal, keys: 'ctrl+shift+v' };
  return { kind: 'app', shortcut: PASTE_SHORTCUT.standard, keys: 'ctrl+v' };
}

/**
 * Parses `xprop -id <w> WM_CLASS` output: `WM_CLASS(STRING) = "xterm", "XTerm"`. Returns the
 * names, or [] when the window has no WM_CLASS (`WM_CLASS:  not found.`).
 */
export function parseWmClass(xpropOutput: string): string[] {
  const line = xpropOutput.split('\n').find((l) => l.startsWith('WM_CLASS'));
  if (!line || !line.includes('=')) return [];
  const names: string[] = [];
  for (const match of line.slice(line.indexOf('=') + 1).matchAll(/"((?:[^"\\]|\\.)*)"/g)) names.push(match[1]!.replace(/\\(.)/g, '$1'));
  return names;
}
