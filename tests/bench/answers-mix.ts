/**
 * The questions `bench:answers` asks: many distinct questions drawn from the corpus, each in its
 * record's language, asked with a Zipf-like repeat rate (rank r is asked with probability
 * ∝ 1 / r^s). Customers ask a few questions over and over and a long tail once; cycling a few
 * hundred questions instead made the server's ranking cache a 100% hit and hid the ranking's
 * cost. Seeded, so two runs (and two servers in one run) ask the same sequence.
 */
import type { BenchRecord } from './answers-seed';

export interface Question {
  q: string;
  locale: string;
}

export interface MixOptions {
  /** How many distinct questions to draw (fewer when the corpus cannot make that many). */
  distinct: number;
  /** The Zipf exponent: 0 = every question equally often; ~1 = web-search-like repeats. */
  zipf: number;
  seed: number;
}

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (text: string) => text.split(/[\s.,;:!?()"“”«»]+/u).filter((w) => w.length > 0);

/**
 * Distinct questions: 2–4 consecutive words of a record's title, half of them with one word of
 * the body's opening added (as a customer adds a detail), in the record's locale.
 */
export function drawQuestions(records: readonly BenchRecord[], options: Pick<MixOptions, 'distinct' | 'seed'>): Question[] {
  const random = seededRandom(options.seed);
  const seen = new Set<string>();
  const out: Question[] = [];
  for (let attempt = 0; out.length < options.distinct && attempt < options.distinct * 20; attempt++) {
    const record = records[Math.floor(random() * records.length)] as BenchRecord;
    const title = words(record.title);
    if (title.length === 0) continue;
    const length = Math.min(title.length, 2 + Math.floor(random() * 3));
    const start = Math.floor(random() * (title.length - length + 1));
    const picked = title.slice(start, start + length);
    if (random() < 0.5) {
      const opening = words(record.body.slice(0, 400));
      if (opening.length > 0) picked.push(opening[Math.floor(random() * opening.length)] as string);
    }
    const q = picked.join(' ').toLowerCase();
    const key = `${record.locale}\u0000${q}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ q, locale: record.locale });
  }
  return out;
}

/** An endless seeded sequence of the questions, rank r (0-based) asked ∝ 1 / (r + 1)^zipf. */
export function questionSequence(questions: readonly Question[], options: Pick<MixOptions, 'zipf' | 'seed'>): () => Question {
  const random = seededRandom(options.seed ^ 0x9e3779b9);
  const cumulative = new Float64Array(questions.length);
  let sum = 0;
  for (let r = 0; r < questions.length; r++) cumulative[r] = sum += 1 / (r + 1) ** options.zipf;
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = questions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return questions[lo] as Question;
  };
}
