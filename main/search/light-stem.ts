/**
 * Light stemmers: strip one common inflectional ending (plural, case, gender, verb form) so
 * that inflected forms of a word meet ("звука"/"звуков", "conexión"/"conexiones"). Used only
 * to widen query expansion; the index keeps surface forms, so highlights stay exact. Endings
 * are in folded form (no diacritics), longest first; at least MIN_STEM letters remain.
 */
const MIN_STEM = 3;

const ENDINGS: Record<string, string[]> = {
  en: ['ies', 'ing', 'es', 'ed', 's'],
  fr: ['ements', 'ement', 'ees', 'ee', 'es', 'er', 'ez', 'e', 's', 'x'],
  de: ['ungen', 'ern', 'en', 'er', 'es', 'e', 'n', 's'],
  es: ['aciones', 'acion', 'iones', 'ion', 'es', 'as', 'os', 'a', 'o', 'e', 's'],
  pt: ['coes', 'cao', 'oes', 'es', 'as', 'os', 'a', 'o', 'e', 's'],
  it: ['zioni', 'zione', 'i', 'e', 'a', 'o'],
  ru: [
    'иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ов', 'ев', 'ей', 'ой', 'ий', 'ый', 'ая',
    'яя', 'ое', 'ее', 'ые', 'ие', 'ам', 'ям', 'ах', 'ях', 'ом', 'ем', 'ию', 'ия', 'а', 'я', 'о', 'е', 'ы', 'и',
    'у', 'ю', 'ь',
  ],
};

export function lightStem(term: string, locale: string): string {
  const endings = ENDINGS[locale.split(/[-_]/)[0]?.toLowerCase() ?? ''];
  if (!endings) return term;
  for (const ending of endings) {
    if (term.length - ending.length >= MIN_STEM && term.endsWith(ending)) return term.slice(0, term.length - ending.length);
  }
  return term;
}
