import { useEffect, useRef } from 'react';
import type { View } from './useActions';
import { hasPrimaryModifier } from '../lib/platform';

interface Handlers {
  view: View;
  back: () => void;
  openSettings: () => void;
  focusLocale: () => void;
  copyReaderEntry: () => void;
  flagReaderEntry: () => void;
  openLibrary: () => void;
  /** "Report my edit" of the last inserted or copied reply (issue #18). */
  reportEdit: () => void;
}

/**
 * Keys that work everywhere in the overlay. Views that handle a key themselves call
 * preventDefault, and then these stay out of the way.
 */
export function useGlobalKeys(handlers: Handlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const { view, back, openSettings, focusLocale, copyReaderEntry, flagReaderEntry, openLibrary, reportEdit } = latest.current;
      if (event.key === 'Escape') {
        // A native <select> popup closes itself first.
        event.preventDefault();
        back();
      } else if (hasPrimaryModifier(event) && (event.key === ',' || event.code === 'Comma')) {
        event.preventDefault();
        openSettings();
      } else if (hasPrimaryModifier(event) && event.shiftKey && event.code === 'KeyL') {
        event.preventDefault();
        openLibrary();
      } else if (hasPrimaryModifier(event) && event.shiftKey && event.code === 'KeyE') {
        event.preventDefault();
        reportEdit();
      } else if (event.altKey && event.code === 'KeyL') {
        event.preventDefault();
        focusLocale();
      } else if (view.name === 'reader' && hasPrimaryModifier(event) && event.shiftKey && event.code === 'KeyF') {
        event.preventDefault();
        flagReaderEntry();
      } else if (view.name === 'reader' && hasPrimaryModifier(event) && event.code === 'KeyC' && !window.getSelection()?.toString()) {
        event.preventDefault();
        copyReaderEntry();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
