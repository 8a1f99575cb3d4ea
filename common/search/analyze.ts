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
 * How analyzeEntry turns tokens into term ids (-1: skip the token). `ofWord` gets a plain word as
 * its span in the text (its term is `foldWord(text.slice(start, end))`, see text.ts), so a
 * partition can answer a word it has seen before without cutting it out (word-ids.ts).
 */
export interface TermIds {
  ofTerm(term: string): number;
  ofWord(text: string, start: number, end: number): number;
}

/**
 * Calls `emit(termId, value)` once per distinct term of the entry; the value is the impact in
 * the low 15 bits, TITLE_FLAG when the title contains the term. `ids` interns a term (or
 * returns -1 to skip it). Term frequencies accumulate in a reused array indexed by term id
 * rather than a Map per entry: a 100k build then allocates little beyond the token strings.
 */
export function analyzeEntry(
  entry: Pick<KnowledgeEntry, 'title' | 'body' | 'tags'>,
  ids: TermIds,
  emit: (termId: number, value: number) => void,
): void {
  // The packed value is body tf + tag tf × 2^16 + title tf × 2^24 in one double.
  const count = (id: number, unit: number): void => {
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
  scanTokens(
    entry.title,
    false,
    (term) => {
      count(ids.ofTerm(term), TITLE_UNIT);
      titleLength += 1;
    },
    (text, start, end) => {
      count(ids.ofWord(text, start, end), TITLE_UNIT);
      titleLength += 1;
    },
  );
  for (const tag of entry.tags) {
    scanTokens(
      tag,
      false,
      (term) => void count(ids.ofTerm(term), TAG_UNIT),
      (text, start, end) => void count(ids.ofWord(text, start, end), TAG_UNIT),
    );
  }
  let bodyLength = 0;
  const bodyUnit = (): number => (bodyLength < LEAD_TOKENS ? 1 + LEAD_EXTRA : 1);
  scanTokens(
    entry.body,
    false,
    (term) => {
      if (bodyLength < BODY_TF_CAP) count(ids.ofTerm(term), bodyUnit());
      bodyLength += 1;
    },
    (text, start, end) => {
      if (bodyLength < BODY_TF_CAP) count(ids.ofWord(text, start, end), bodyUnit());
      bodyLength += 1;
    },
  );

  const titleNorm = 1 - TITLE_B + (TITLE_B * Math.max(1, titleLength)) / TITLE_REF_LEN;
  const bodyNorm = 1 - BODY_B + (BODY_B * Math.max(1, bodyLength)) / BODY_REF_LEN;
  const done = touched.splice(0);
  for (const id of done) {
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
