/**
 * Title phrase bonus for a partition's best candidates. The index keeps no positions, so the
 * titles of the few best entries are re-tokenised at query time: a title where consecutive
 * query words stand next to each other ("cannot hear", "sem fio", "night light") says what was
 * asked more exactly than one holding the same words apart. Only titles: the same check on
 * the opening of bodies was measured too and added nothing on the eval.
 */
import type { Partition } from './partition';
import type { Expansion } from './query';
import { PHRASE_BONUS, PHRASE_CANDIDATES, PHRASE_MAX_GAP } from './ranking-params';
import type { Candidate } from './scorer';
import { scanTokens } from './text';

/** For each indexed form, which query words (bit i = word i) it stands for. */
export function formsToWords(expansions: readonly Expansion[][], p: Partition): Map<string, number> {
  const bits = new Map<string, number>();
  expansions.forEach((list, i) => {
    for (const e of list) {
      const t = p.term(e.termId);
      bits.set(t, (bits.get(t) ?? 0) | (1 << i));
    }
  });
  return bits;
}

/**
 * Share of consecutive query-word pairs (i-1, i) found in that order within PHRASE_MAX_GAP title
 * tokens. A pair of two function words ("to a") says nothing and is not counted.
 */
export function titlePairShare(title: string, forms: Map<string, number>, light: readonly boolean[]): number {
  const words = light.length;
  const lastSeen = new Array<number>(words).fill(-Infinity);
  const found = new Array<boolean>(words).fill(false);
  let pos = 0;
  scanTokens(title, true, (term) => {
    const bits = forms.get(term) ?? 0;
    for (let i = 0; bits && i < words; i += 1) {
      if (!(bits & (1 << i))) continue;
      if (i > 0 && pos - (lastSeen[i - 1] as number) <= PHRASE_MAX_GAP) found[i] = true;
      lastSeen[i] = pos;
    }
    pos += 1;
  });
  let pairs = 0;
  let adjacent = 0;
  for (let i = 1; i < words; i += 1) {
    if (light[i] && light[i - 1]) continue;
    pairs += 1;
    if (found[i]) adjacent += 1;
  }
  return pairs ? adjacent / pairs : 0;
}

/** Applies the bonus to the first PHRASE_CANDIDATES candidates (sorted best first) and re-sorts them. */
export function applyPhraseBonus(candidates: Candidate[], p: Partition, forms: Map<string, number>, light: readonly boolean[]): void {
  if (light.length < 2) return;
  const n = Math.min(PHRASE_CANDIDATES, candidates.length);
  for (let k = 0; k < n; k += 1) {
    const c = candidates[k] as Candidate;
    const title = p.docs.title(c.doc);
    if (title !== undefined) c.score *= 1 + PHRASE_BONUS * titlePairShare(title, forms, light);
  }
  candidates.sort((a, b) => b.score - a.score);
}
