/**
 * Query expansion (issue #18): other words a query's words may match, each weighing less than
 * the words as typed. A `QueryExpansion` answers, for a query's words, which run of them
 * ("screen too dark", "money back", or one word) may also be read as which other words
 * ("brightness", "refund"). The index adds those words' forms to the query words of the run at
 * SYNONYM_WEIGHT (ranking-params.ts), and keeps every entry found only through them below the
 * entries that match every content word as typed (cuecard-index.ts): an expansion never pushes
 * an exact match down.
 *
 * `SynonymExpansion` applies the organisation's rules (common/synonyms): a group's terms each
 * expand to the others, a one-way rule's terms to its target, never transitively. Rules of a
 * language ("en") apply to its regional locales ("en-GB") too; rules of "pt-BR" only there.
 */
import type { SynonymRule } from '../synonyms/synonym-rules';
import { tokenize } from './text';

/** The query words [from, to) may also be read as `words`, at `weight` (< 1) of the words as typed. */
export interface Alternative {
  from: number;
  to: number;
  words: string[];
  weight: number;
}

export interface QueryExpansion {
  /**
   * `locale`: the partition searched (the agent's, or a fallback along the locale chain);
   * `queryLocale`: the agent's, the language the query was typed in.
   */
  alternatives(words: readonly string[], locale: string, queryLocale?: string): Alternative[];
}

/** At most this many alternatives per query: a long query of common words stays cheap. */
export const MAX_ALTERNATIVES = 48;

interface Rewrite {
  source: string[];
  target: string[];
}

/** A term's words as parseQuery reads a query's: one-letter words ("won't" → "won") left out. */
function words(term: string): string[] {
  return tokenize(term, true)
    .filter((t) => t.cjk || t.term.length > 1)
    .map((t) => t.term);
}

export class SynonymExpansion implements QueryExpansion {
  /** locale (lower case) → first word of a source → rewrites starting with it. */
  private readonly byLocale = new Map<string, Map<string, Rewrite[]>>();

  constructor(
    rules: readonly SynonymRule[],
    private readonly weight: number,
  ) {
    for (const rule of rules) {
      const terms = rule.terms.map(words).filter((w) => w.length > 0);
      if (rule.oneWayTo === null) {
        for (const source of terms) for (const target of terms) if (source !== target) this.add(rule.locale, source, target);
      } else {
        const target = words(rule.oneWayTo);
        if (target.length > 0) for (const source of terms) this.add(rule.locale, source, target);
      }
    }
  }

  get empty(): boolean {
    return this.byLocale.size === 0;
  }

  alternatives(query: readonly string[], locale: string): Alternative[] {
    const tables = [this.byLocale.get(locale.toLowerCase()), this.byLocale.get(locale.toLowerCase().split(/[-_]/)[0] as string)];
    const out: Alternative[] = [];
    const seen = new Set<string>();
    for (const table of new Set(tables)) {
      if (!table) continue;
      query.forEach((word, from) => {
        for (const rewrite of table.get(word) ?? []) {
          const to = from + rewrite.source.length;
          if (to > query.length || rewrite.source.some((w, k) => query[from + k] !== w)) continue;
          const key = `${from}|${to}|${rewrite.target.join(' ')}`;
          if (seen.has(key) || out.length >= MAX_ALTERNATIVES) continue;
          seen.add(key);
          out.push({ from, to, words: rewrite.target, weight: this.weight });
        }
      });
    }
    return out;
  }

  private add(locale: string, source: string[], target: string[]): void {
    const key = locale.toLowerCase();
    const table = this.byLocale.get(key) ?? new Map<string, Rewrite[]>();
    this.byLocale.set(key, table);
    const first = source[0] as string;
    const list = table.get(first) ?? [];
    table.set(first, list);
    list.push({ source, target });
  }
}
