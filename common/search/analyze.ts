/**
 * Turns one entry into index terms with a precomputed impact each (BM25F-style saturation of
 * field-weighted term frequency). Field lengths are normalised against fixed reference
 * lengths, not the corpus average, so an entry's impacts never depend on other entries:
 * an incrementally maintained index scores exactly like a fresh build. The weights are in
 * ranking-params.ts.
 */
import type { KnowledgeEntry } from '../knowledge';
import { BODY_B, BODY_REF_LEN, BODY_WEIGHT, K1, LEAD_EXTRA, LEAD_TOKENS, TAG_WEIGHT, TITLE_B, TITLE_REF_LEN, TITLE_WEIGHT } from './ranking-params';
import { scanTokens } from './text';

export const TITLE_FLAG = 0x8000;
export const IMPACT_MASK = 0x7fff;
export const IMPACT_SCALE = 4096;

const TAG_UNIT = 2 ** 16;
const TITLE_UNIT = 2 ** 24;
/** Body tokens after this many are not counted (keeps body tf below TAG_UNIT; saturated long before). */
const BODY_TF_CAP = 30_000;

let packedTf = new Float64Array(4096);
const touched: number[] = [];

/**
 * Calls `emit(termId, value)` once per distinct term of the entry; the value is the impact in
 * the low 15 bits, TITLE_FLAG when the title contains the term. `idOf` interns a term (or
 * returns -1 to skip it). Term frequencies accumulate in a reused array indexed by term id
 * rather than a Map per entry: a 100k build then allocates little beyond the token strings.
 */
export function analyzeEntry(
  entry: Pick<KnowledgeEntry, 'title' | 'body' | 'tags'>,
  idOf: (term: string) => number,
  emit: (termId: number, value: number) => void,
): void {
  // The packed value is body tf + tag tf × 2^16 + title tf × 2^24 in one double.
  const count = (term: string, unit: number): void => {
    const id = idOf(term);
    if (id < 0) return;
    if (id >= packedTf.length) {
      const grown = new Float64Array(Math.max(id + 1, packedTf.length * 2));
      grown.set(packedTf);
      packedTf = grown;
    }
    if (packedTf[id] === 0) touched.push(id);
    packedTf[id] = (packedTf[id] as number) + unit;
  };
  let titleLength = 0;
  scanTokens(entry.title, false, (term) => {
    count(term, TITLE_UNIT);
    titleLength += 1;
  });
  for (const tag of entry.tags) scanTokens(tag, false, (term) => void count(term, TAG_UNIT));
  let bodyLength = 0;
  scanTokens(entry.body, false, (term) => {
    if (bodyLength < BODY_TF_CAP) count(term, bodyLength < LEAD_TOKENS ? 1 + LEAD_EXTRA : 1);
    bodyLength += 1;
  });

  const titleNorm = 1 - TITLE_B + (TITLE_B * Math.max(1, titleLength)) / TITLE_REF_LEN;
  const bodyNorm = 1 - BODY_B + (BODY_B * Math.max(1, bodyLength)) / BODY_REF_LEN;
  const ids = touched.splice(0);
  for (const id of ids) {
    const packed = packedTf[id] as number;
    packedTf[id] = 0;
    const tt = Math.floor(packed / TITLE_UNIT);
    const tg = Math.floor((packed % TITLE_UNIT) / TAG_UNIT);
    const tb = packed % TAG_UNIT;
    const wtf = (TITLE_WEIGHT * tt) / titleNorm + (BODY_WEIGHT * tb) / bodyNorm + TAG_WEIGHT * tg;
    const impact = (wtf * (K1 + 1)) / (wtf + K1);
    const quantised = Math.min(IMPACT_MASK, Math.max(1, Math.round(impact * IMPACT_SCALE)));
    emit(id, quantised | (tt > 0 ? TITLE_FLAG : 0));
  }
}
