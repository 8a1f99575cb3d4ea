/**
 * Each live entry's answer as a bot receives it, prepared once per state of the entry: the
 * members that do not depend on the question (id … renderError) already serialised as JSON, and
 * the plain text that snippets are cut from. Serialising the bodies' text and HTML on every
 * request cost as much as ranking (~0.4 ms for 5 answers of the gnome-help corpus), and reading
 * an entry back from the index decodes its whole JSON.
 *
 * A prepared answer is valid while the catalog holds the very object it was made from: every
 * change of the entry (a new version, a re-verification, a retirement, a rebuilt index) replaces
 * or removes that object, so nothing stale is served and nothing needs invalidating by hand.
 * Bounded, least recently used out first: at most 20,000 answers and 64 M bytes and characters
 * (the JSON in UTF-8, the text as a V8 string); an answer larger than that is prepared on every
 * request instead.
 */
import { LRUCache } from 'lru-cache';
import { reviewFieldsOf } from '../../common/review-badges';
import type { AnswerIndex } from './answer-index';
import type { BodyRenderer } from './answer-body';
import type { CatalogEntry } from './entry-catalog';
import type { Answer } from './answer-service';

const PREPARED_ANSWERS = 20_000;
const PREPARED_CHARACTERS = 64 * 1024 * 1024;

/** What a question does not change: every member of an answer but its snippet, score and fallback. */
export type FixedAnswer = Omit<Answer, 'snippet' | 'fallback'>;

export interface PreparedAnswer {
  /** The catalog's facts it was prepared from (its identity is the cache's validity). */
  facts: CatalogEntry;
  /** The body as plain text (snippets are cut from it). */
  text: string;
  /**
   * FixedAnswer as UTF-8 JSON without its closing brace: `{"id":"…",…,"renderError":null`. Kept
   * encoded, so a reply copies bytes instead of encoding ~25,000 characters of text and HTML
   * per request (the biggest part of writing the reply in the bench's CPU profile), and the
   * bytes live outside V8's heap.
   */
  open: Buffer;
}

export class PreparedAnswers {
  private readonly cache = new LRUCache<string, PreparedAnswer>({
    max: PREPARED_ANSWERS,
    maxSize: PREPARED_CHARACTERS,
    sizeCalculation: (p) => p.open.length + p.text.length + 1,
  });

  constructor(
    private readonly index: AnswerIndex,
    private readonly bodies: BodyRenderer,
  ) {}

  /** The live entry's prepared answer; null when the index does not hold it. */
  get(id: string, locale: string): PreparedAnswer | null {
    const facts = this.index.catalog.get(id, locale);
    if (!facts) return null;
    const key = `${locale}\u0000${id}`;
    const cached = this.cache.get(key);
    if (cached?.facts === facts) return cached;
    const entry = this.index.get(id, locale);
    if (!entry) return null;
    const body = this.bodies.render(entry);
    const fixed: FixedAnswer = {
      id: entry.id,
      locale: entry.locale,
      kind: entry.kind,
      title: entry.title,
      text: body.text,
      html: body.html,
      variables: body.variables,
      tags: entry.tags,
      urlOrPath: entry.urlOrPath,
      version: entry.version,
      approval: reviewFieldsOf(entry),
      renderError: body.renderError,
    };
    const prepared = { facts, text: body.text, open: Buffer.from(JSON.stringify(fixed).slice(0, -1)) };
    this.cache.set(key, prepared);
    return prepared;
  }
}
