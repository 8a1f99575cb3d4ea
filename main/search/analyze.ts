/**
 * Turns one entry into index terms with a precomputed impact each (BM25F-style saturation of
 * field-weighted term frequency). Field lengths are normalised against fixed reference
 * lengths, not the corpus average, so an entry's impacts never depend on other entries:
 * an incrementally maintained index scores exactly like a fresh build.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import { scanTokens } from './text';

export const TITLE_FLAG = 0x8000;
export const IMPACT_MASK = 0x7fff;
export const IMPACT_SCALE = 4096;

const K1 = 1.2;
const TITLE_WEIGHT = 6;
const TAG_WEIGHT = 1.5;
const BODY_WEIGHT = 1;
/** The opening words of a body usually state what the entry is about. */
const LEAD_TOKENS = 30;
const LEAD_EXTRA = 1;
const TITLE_REF_LEN = 6;
const BODY_REF_LEN = 120;
const BODY_B = 0.75;
const TITLE_B = 0.3;

/** term → encoded value (impact in the low 15 bits, TITLE_FLAG when the title contains it). */
export function analyzeEntry(entry: Pick<KnowledgeEntry, 'title' | 'body' | 'tags'>): Map<string, number> {
  const titleTf = new Map<string, number>();
  const bodyTf = new Map<string, number>();
  const tagTf = new Map<string, number>();
  let titleLength = 0;
  scanTokens(entry.title, false, (term) => {
    titleTf.set(term, (titleTf.get(term) ?? 0) + 1);
    titleLength += 1;
  });
  for (const tag of entry.tags) scanTokens(tag, false, (term) => void tagTf.set(term, (tagTf.get(term) ?? 0) + 1));
  let bodyLength = 0;
  scanTokens(entry.body, false, (term) => {
    bodyTf.set(term, (bodyTf.get(term) ?? 0) + (bodyLength < LEAD_TOKENS ? 1 + LEAD_EXTRA : 1));
    bodyLength += 1;
  });

  const titleNorm = 1 - TITLE_B + (TITLE_B * Math.max(1, titleLength)) / TITLE_REF_LEN;
  const bodyNorm = 1 - BODY_B + (BODY_B * Math.max(1, bodyLength)) / BODY_REF_LEN;
  const out = new Map<string, number>();
  const encode = (term: string): void => {
    if (out.has(term)) return;
    const tt = titleTf.get(term) ?? 0;
    const wtf =
      (TITLE_WEIGHT * tt) / titleNorm + (BODY_WEIGHT * (bodyTf.get(term) ?? 0)) / bodyNorm + TAG_WEIGHT * (tagTf.get(term) ?? 0);
    if (wtf <= 0) return;
    const impact = (wtf * (K1 + 1)) / (wtf + K1);
    const quantised = Math.min(IMPACT_MASK, Math.max(1, Math.round(impact * IMPACT_SCALE)));
    out.set(term, quantised | (tt > 0 ? TITLE_FLAG : 0));
  };
  for (const term of titleTf.keys()) encode(term);
  for (const term of tagTf.keys()) encode(term);
  for (const term of bodyTf.keys()) encode(term);
  return out;
}
