/** `--expansion wordnet` / `--synonyms <file.csv>`: the query expansion an eval run uses, if any. */
import fs from 'node:fs';
import path from 'node:path';
import { readSynonymCsv } from '../../common/synonyms/synonym-csv';
import { SynonymExpansion, type QueryExpansion } from '../../common/search/query-expansion';
import { SYNONYM_WEIGHT } from '../../common/search/ranking-params';
import { DEFAULT_WORDNET, WordnetExpansion, type WordnetOptions } from './wordnet-expansion';

export function queryExpansion(argv: readonly string[]): { expansion: QueryExpansion; label: string } | null {
  const kind = argv.includes('--expansion') ? argv[argv.indexOf('--expansion') + 1] : undefined;
  const file = argv.includes('--synonyms') ? argv[argv.indexOf('--synonyms') + 1] : undefined;
  // `--wordnet-options '{"derived":0.6}'`: variants of DEFAULT_WORDNET, tried on `--half tune` only.
  const variant = argv.includes('--wordnet-options') ? (JSON.parse(argv[argv.indexOf('--wordnet-options') + 1] ?? '{}') as Partial<WordnetOptions>) : {};
  if (kind === 'wordnet') return { expansion: new WordnetExpansion({ ...DEFAULT_WORDNET, ...variant }), label: 'wordnet' };
  if (kind !== undefined && kind !== 'none') throw new Error(`--expansion must be wordnet or none, not "${kind}"`);
  if (file === undefined) return null;
  const read = readSynonymCsv(fs.readFileSync(file, 'utf8'));
  if (read.problems.length > 0) throw new Error(`${file}: ${read.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  return { expansion: new SynonymExpansion(read.rules, SYNONYM_WEIGHT), label: `synonyms:${path.basename(file)}` };
}
