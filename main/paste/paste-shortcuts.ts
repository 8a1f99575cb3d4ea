/** The paste shortcuts, as the agent reads them in "Copied — press …"; one home for every strategy. */
export const PASTE_SHORTCUT = {
  /** macOS, every app. */
  mac: '⌘V',
  /** Windows and Linux apps. */
  standard: 'Ctrl+V',
  /** Linux terminal emulators, where Ctrl+V is a control character (^V) for the shell. */
  terminal: 'Ctrl+Shift+V',
} as const;

/** What the agent presses by hand when Cuecard could not paste for them and knows nothing of the target. */
export function manualPasteShortcut(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? PASTE_SHORTCUT.mac : PASTE_SHORTCUT.standard;
}
