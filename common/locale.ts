/**
 * The chain of locales an agent's results come from, most preferred first:
 * `pt-BR` with fallbacks `[en]` gives `pt-BR → pt → en`. Region-less parents are
 * inserted because a Brazilian agent is better served by European Portuguese than by English.
 */
export function localeChain(locale: string, fallbacks: readonly string[] = ['en']): string[] {
  const chain: string[] = [];
  const push = (tag: string): void => {
    if (tag && !chain.includes(tag)) chain.push(tag);
  };
  for (const tag of [locale, ...fallbacks]) {
    push(tag);
    const base = tag.split(/[-_]/)[0];
    if (base) push(base);
  }
  return chain;
}
