/** macOS uses ⌘ where other systems use Ctrl; shortcuts and hints follow the platform. */
export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
/** Linux (X11) is where an app can read the text selected in another app (the PRIMARY selection). */
export const isLinux = /Linux/.test(navigator.platform) && !/Android/.test(navigator.userAgent);

/** The "primary" modifier: ⌘ on macOS, Ctrl elsewhere. */
export function hasPrimaryModifier(event: { ctrlKey: boolean; metaKey: boolean }): boolean {
  return isMac ? event.metaKey : event.ctrlKey;
}

export const primaryKeyLabel = isMac ? '⌘' : 'Ctrl';

const languageNames = new Map<string, string>();

/** "Deutsch (de)"; kept per locale (an Intl.DisplayNames is costly to make, and the list is short). */
export function languageName(locale: string): string {
  let name = languageNames.get(locale);
  if (name === undefined) {
    name = displayName(locale);
    languageNames.set(locale, name);
  }
  return name;
}

function displayName(locale: string): string {
  try {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'language' });
    const name = names.of(locale);
    return name ? `${name} (${locale})` : locale;
  } catch {
    return locale;
  }
}
