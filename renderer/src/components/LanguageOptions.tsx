import { languageName } from '../lib/platform';

/** A language `<select>`'s options: one per locale code, shown by its language name. */
export function LanguageOptions({ locales }: { locales: readonly string[] }) {
  return (
    <>
      {locales.map((locale) => (
        <option key={locale} value={locale}>
          {languageName(locale)}
        </option>
      ))}
    </>
  );
}
