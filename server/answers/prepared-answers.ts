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
 * Bounded, least recently used out first: at most 20,000 answers and 64 M characters (64–128 MB
 * as V8 strings); an answer larger than that is prepared on every request instead.
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
  /** FixedAnswer as JSON members, without the braces: `"id":"…",…,"renderError":null`. */
  members: string;
}

export class PreparedAnswers {
  private readonly cache = new LRUCache<string, PreparedAnswer>({
    max: PREPARED_ANSWERS,
    maxSize: PREPARED_CHARACTERS,
    sizeCalculation: (p) => p.members.length + p.text.length + 1,
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
    const prepared = { facts, text: body.text, members: JSON.stringify(fixed).slice(1, -1) };
    this.cache.set(key, prepared);
    return prepared;
  }
}
