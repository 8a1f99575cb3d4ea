import { useEffect } from 'react';
import type { SettingsView } from '../../../common/ipc-contract';

/** Applies the theme as `data-theme` on <html>; `system` follows prefers-color-scheme live. */
export function useTheme(theme: SettingsView['theme'] | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') {
      root.dataset.theme = theme;
      return;
    }
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      root.dataset.theme = query.matches ? 'dark' : 'light';
    };
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [theme]);
}
