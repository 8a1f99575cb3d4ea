import { memo, type RefObject } from 'react';
import { LanguageOptions } from './LanguageOptions';

interface Props {
  locale: string | null;
  locales: string[];
  disabled: boolean;
  selectRef: RefObject<HTMLSelectElement | null>;
  onChange: (locale: string) => void;
}

/** The reply language, reachable with Alt+L; results follow it. Memoised: the field's keystrokes re-render the app around it. */
export const LocaleSwitcher = memo(function LocaleSwitcher({ locale, locales, disabled, selectRef, onChange }: Props) {
  const options = Array.from(new Set([...(locale ? [locale] : []), ...locales])).sort();
  return (
    <span className="locale-switcher">
      <label htmlFor="cuecard-locale" className="visually-hidden">
        Reply language
      </label>
      <select
        id="cuecard-locale"
        ref={selectRef}
        value={locale ?? ''}
        disabled={disabled || locale === null}
        title="Reply language (Alt+L)"
        aria-keyshortcuts="Alt+L"
        onChange={(event) => onChange(event.target.value)}
      >
        <LanguageOptions locales={options} />
      </select>
    </span>
  );
});
