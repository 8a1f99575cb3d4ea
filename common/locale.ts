/**
 * Locale tags and the chain of locales an agent's results come from, most preferred first.
 * `pt-BR` with fallbacks `[en]` gives `pt-BR → pt → pt-PT → en → en-GB → en-US` when those
 * exist: region-less parents are inserted because a Brazilian agent is better served by European
 * Portuguese than by English, and the regional variants of each language that the knowledge base
 * holds follow that language (an agent on `en` finds entries written for `en-US` and `en-GB`,
 * after their exact locale). Everything after the first tag is a fallback.
 */

/**
 * The spelling a locale is stored and compared in: `en_us` → `en-US`, `zh_hant_tw` → `zh-Hant-TW`
 * (BCP 47 case conventions: language lower case, script title case, region upper case).
 * Remembered: every search canonicalises its chain and each locale the index holds (41 in the
 * gnome-help corpus: ~17% of a bot's answer went here before). Bounded by clearing when full.
 */
export function canonicalLocale(tag: string): string {
  let canonical = canonicalForms.get(tag);
  if (canonical === undefined) {
    canonical = canonicalForm(tag);
    if (canonicalForms.size >= CANONICAL_FORMS_KEPT) canonicalForms.clear();
    canonicalForms.set(tag, canonical);
  }
  return canonical;
}

const CANONICAL_FORMS_KEPT = 1000;
const canonicalForms = new Map<string, string>();

function canonicalForm(tag: string): string {
  const [language = '', ...subtags] = tag.trim().split(/[-_]/);
  const rest = subtags.map((subtag, index) => {
    if (index === 0 && subtag.length === 4 && /^[A-Za-z]+$/.test(subtag)) return subtag[0]!.toUpperCase() + subtag.slice(1).toLowerCase();
    if ((subtag.length === 2 && /^[A-Za-z]+$/.test(subtag)) || /^\d{3}$/.test(subtag)) return subtag.toUpperCase();
    if (subtag.length === 4 && /^[A-Za-z]+$/.test(subtag)) return subtag[0]!.toUpperCase() + subtag.slice(1).toLowerCase();
    return subtag.toLowerCase();
  });
  return [language.toLowerCase(), ...rest].join('-');
}

/** `en` of `en-US`. */
export function languageOf(tag: string): string {
  return canonicalLocale(tag).split('-')[0] ?? '';
}

/**
 * @param available the locales that hold entries (e.g. the search index's partitions); their
 *   regional variants of each language in the chain are added after that language, in order.
 */
export function localeChain(locale: string, fallbacks: readonly string[] = ['en'], available: Iterable<string> = []): string[] {
  const variants = [...new Set([...available].map(canonicalLocale))].sort();
  const languages = variants.map(languageOf);
  const chain: string[] = [];
  const push = (tag: string): void => {
    if (tag && !chain.includes(tag)) chain.push(tag);
  };
  for (const raw of [locale, ...fallbacks]) {
    const tag = canonicalLocale(raw);
    push(tag);
    const base = languageOf(tag);
    push(base);
    variants.forEach((variant, i) => {
      if (languages[i] === base) push(variant);
    });
  }
  return chain;
}
