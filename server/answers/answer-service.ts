/**
 * What a bot asks (issue #17): ranked answers to a customer's question in their language, or one
 * entry. The same engine, locale chain and entries as the agents' overlay; a bot token sees only
 * live entries carrying one of its tags (default `public`), and an entry it may not see does not
 * exist for it (404, never 403: existence does not leak).
 */
import type { EntryKind, KnowledgeEntry } from '../../common/knowledge';
import { reviewFieldsOf, type ReviewFields } from '../../common/review-badges';
import { canonicalLocale, localeChain } from '../../common/locale';
import type { TemplateVariable } from '../../common/ipc-contract';
import type { TokenCaller } from '../db/tokens';
import type { AnswerIndex } from './answer-index';
import type { BodyRenderer } from './answer-body';

/** The agents' default fallback (settings): a bot in an unknown language gets English. */
const FALLBACK_LOCALES = ['en'];
const ENTRY_SNIPPET_LENGTH = 160;

export interface Answer {
  id: string;
  locale: string;
  kind: EntryKind;
  title: string;
  snippet: string;
  /** The body as plain text (templates rendered with their defaults). */
  text: string;
  /** The body as sanitised HTML. */
  html: string;
  variables: TemplateVariable[];
  tags: string[];
  urlOrPath: string | null;
  version: number;
  /** Who approved it and when, verification due date, stale translation (common/review-badges.ts). */
  approval: ReviewFields;
  /** The variant comes from a fallback locale, not the one asked for. */
  fallback: boolean;
  renderError: string | null;
}

export interface AnswersResult {
  locale: string;
  /** The locales answers were looked for in, most preferred first (only those that hold entries). */
  chain: string[];
  /** Set when the locale asked for holds no entries, saying where the answers come from. */
  notice: string | null;
  /** The change-log seq the index had applied. */
  seq: number;
  answers: Array<Answer & { score: number }>;
}

export interface AnswersQuery {
  q: string;
  locale: string;
  limit: number;
  kind?: EntryKind | undefined;
}

export class AnswerService {
  constructor(
    private readonly index: AnswerIndex,
    private readonly bodies: BodyRenderer,
  ) {}

  answers(caller: TokenCaller, query: AnswersQuery): AnswersResult {
    const { locale, chain, notice } = this.chainFor(query.locale);
    const hits = this.index.search({
      query: query.q,
      locale,
      fallbackLocales: FALLBACK_LOCALES,
      limit: query.limit,
      ...(query.kind ? { kind: query.kind } : {}),
      ...(caller.tags ? { anyTags: caller.tags } : {}),
    });
    const answers = hits.flatMap((hit) => {
      const entry = this.index.get(hit.id, hit.locale);
      return entry ? [{ ...this.answerOf(entry, hit.snippet, hit.fallback), score: hit.score }] : [];
    });
    return { locale, chain, notice, seq: this.index.seq, answers };
  }

  /** One entry in the first locale of the chain that has a variant the caller may see; null = 404. */
  entry(caller: TokenCaller, id: string, asked: string): (Answer & { notice: string | null }) | null {
    const { locale, chain, notice } = this.chainFor(asked);
    for (const candidate of chain) {
      const entry = this.index.get(id, candidate);
      if (!entry || !visibleTo(caller, entry)) continue;
      const fallback = candidate !== locale;
      const body = this.bodies.render(entry);
      const snippet = body.text.replace(/\s+/g, ' ').slice(0, ENTRY_SNIPPET_LENGTH);
      return {
        ...this.answerOf(entry, snippet, fallback),
        notice: notice ?? (fallback ? `no "${locale}" variant of "${id}"; this is the "${candidate}" one` : null),
      };
    }
    return null;
  }

  private chainFor(asked: string): { locale: string; chain: string[]; notice: string | null } {
    const locale = canonicalLocale(asked);
    const held = this.index.catalog.locales();
    const chain = localeChain(locale, FALLBACK_LOCALES, held).filter((l) => held.includes(l));
    const notice = held.includes(locale) ? null : `no entries in "${locale}"; answering from ${chain.length > 0 ? chain.join(' → ') : 'nothing (the knowledge base is empty)'}`;
    return { locale, chain, notice };
  }

  private answerOf(entry: KnowledgeEntry, snippet: string, fallback: boolean): Answer {
    const body = this.bodies.render(entry);
    return {
      id: entry.id,
      locale: entry.locale,
      kind: entry.kind,
      title: entry.title,
      snippet,
      text: body.text,
      html: body.html,
      variables: body.variables,
      tags: entry.tags,
      urlOrPath: entry.urlOrPath,
      version: entry.version,
      approval: reviewFieldsOf(entry),
      fallback,
      renderError: body.renderError,
    };
  }
}

/** A bot sees entries carrying one of its tags; every other role sees every live entry. */
export function visibleTo(caller: Pick<TokenCaller, 'tags'>, entry: Pick<KnowledgeEntry, 'tags'>): boolean {
  return caller.tags === null || caller.tags.some((tag) => entry.tags.includes(tag));
}
