/**
 * Turns one entry into index terms with a precomputed impact each (BM25F-style saturation of
 * field-weighted term frequency). Field lengths are normalised against fixed reference
 * lengths, not the corpus average, so an entry's impacts never depend on other entries:
 * an incrementally maintained index scores exactly like a fresh build.
 */
import type { KnowledgeEntry } from '../../common/knowledge';
import { tokenize } from './text';

export const TITLE_FLAG = 0x8000;
export const IMPACT_MASK = 0x7fff;
export const IMPACT_SCALE = 4096;

const K1 = 1.2;
const TITLE_WEIGHT = 4;
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
  const title = tokenize(entry.title);
  for (const t of title) titleTf.set(t.term, (titleTf.get(t.term) ?? 0) + 1);
  const tagTf = new Map<string, number>();
  for (const tag of entry.tags) for (const t of tokenize(tag)) tagTf.set(t.term, (tagTf.get(t.term) ?? 0) + 1);
  const body = tokenize(entry.body);
  body.forEach((t, i) => bodyTf.set(t.term, (bodyTf.get(t.term) ?? 0) + (i < LEAD_TOKENS ? 1 + LEAD_EXTRA : 1)));

  const titleNorm = 1 - TITLE_B + (TITLE_B * Math.max(1, title.length)) / TITLE_REF_LEN;
  const bodyNorm = 1 - BODY_B + (BODY_B * Math.max(1, body.length)) / BODY_REF_LEN;
  const out = new Map<string, number>();
  const terms = new Set([...titleTf.keys(), ...bodyTf.keys(), ...tagTf.keys()]);
  for (const term of terms) {
    const tt = titleTf.get(term) ?? 0;
    const wtf =
      (TITLE_WEIGHT * tt) / titleNorm + (BODY_WEIGHT * (bodyTf.get(term) ?? 0)) / bodyNorm + TAG_WEIGHT * (tagTf.get(term) ?? 0);
    if (wtf <= 0) continue;
    const impact = (wtf * (K1 + 1)) / (wtf + K1);
    const quantised = Math.min(IMPACT_MASK, Math.max(1, Math.round(impact * IMPACT_SCALE)));
    out.set(term, quantised | (tt > 0 ? TITLE_FLAG : 0));
  }
  return out;
}
