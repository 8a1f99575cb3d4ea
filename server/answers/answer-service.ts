/**
 * What a bot asks (issue #17): ranked answers to a customer's question in their language, or one
 * entry. The same engine, locale chain and entries as the agents' overlay; a bot token sees only
 * live entries carrying one of its tags (default `public`), and an entry it may not see does not
 * exist for it (404, never 403: existence does not leak). Answers are written as JSON here, from
 * each entry's prepared members (prepared-answers.ts) and what the question adds to them.
 */
import { LRUCache } from 'lru-cache';
import type { EntryKind } from '../../common/knowledge';
import type { IndexHit, SearchQuery } from '../../common/search/types';
import type { ReviewFields } from '../../common/review-badges';
import { canonicalLocale, localeChain } from '../../common/locale';
import type { TemplateVariable } from '../../common/ipc-contract';
import { snippetText } from '../../common/search/entry-view';
import type { TokenCaller } from '../db/tokens';
import type { AnswerIndex } from './answer-index';
import type { PreparedAnswers } from './prepared-answers';


/** Where new questions are ranked off this thread (answers-speed-up.ts), and what a question starts. */
export interface RankingPort {
  readonly available: boolean;
  rank(query: SearchQuery): Promise<IndexHit[]>;
  /** Called on every bot request: the first one starts what makes answers fast (idempotent). */
  start?(): unknown;
}

/** The agents' default fallback (settings): a bot in an unknown language gets English. */
const FALLBACK_LOCALES = ['en'];
const ENTRY_SNIPPET_LENGTH = 160;
/** Locale chains kept per asked locale until the index changes (bots ask in few languages). */
const CHAINS_KEPT = 1000;
/**
 * Ranked hits kept per question (text, locale, kind, limit, audience) until the index applies a
 * change: customers ask the same few questions over and over, and ranking one costs ~0.4–0.5 ms
 * of CPU at 100,000 entries, most of an answer's time; cutting its snippets costs as much again.
 * At most 20,000 questions (hits and snippets: ~30 MB): replaying the bench's Zipf mix, 70,000
 * questions miss 24.2% with 10,000 kept, 22.6% with 20,000 and no fewer with 50,000.
 */
const RANKINGS_KEPT = 20_000;

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

/** `GET /v1/answers`' answer. */
interface AnswersResult {
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

interface Chain {
  locale: string;
  chain: string[];
  notice: string | null;
}

/** Where a request's time goes (server/request-timing.ts): `mark(phase)` ends a phase. */
export interface Timing {
  mark(phase: string): void;
  /** A fact about the request (`rank` = `hit` | `miss` of the ranking cache), for the benchmark. */
  note(name: string, value: string): void;
}

/** `{"snippet":…}` → `,"snippet":…}`: what closes a prepared answer's `open` (prepared-answers.ts). */
function tailOf(more: object): Buffer {
  return Buffer.from(`,${JSON.stringify(more).slice(1)}`);
}

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/** A question's ranking as kept: the hits and each one's JSON tail (snippet, score, fallback). */
interface Ranking {
  hits: IndexHit[];
  /** Per hit, `,"snippet":…,"score":…,"fallback":…}`; null until the hit's answer is first sent. */
  tails: Array<Buffer | null>;
  /** How often the reply was written. */
  written: number;
  /** The whole reply, once written twice (within REPLY_BYTES): valid as long as the ranking is. */
  reply: Buffer | null;
}

/**
 * Replies of repeated questions kept whole, at most this many bytes per index state: writing one
 * (its head, five prepared answers, one copy of ~20 KB) was ~12% of the main thread's CPU once new
 * questions were ranked on the ranking thread. The Zipf mix's 3,000 most asked questions (~64 MB)
 * are ~75% of its requests.
 */
const REPLY_BYTES = 64 * 1024 * 1024;

export class AnswerService {
  private chains = { seq: -1, byLocale: new Map<string, Chain>() };
  private rankings = { seq: -1, byQuestion: new LRUCache<string, Ranking>({ max: RANKINGS_KEPT }), replyBytes: 0 };

  /**
   * New questions are ranked on `ranking`'s thread when it is available, else on this one.
   * `rankingCache: false` ranks every question afresh (`--no-ranking-cache`: the benchmark's
   * uncached figure).
   */
  constructor(
    private readonly index: AnswerIndex,
    private readonly prepared: PreparedAnswers,
    private readonly ranking: RankingPort | null = null,
    private readonly rankingCache = true,
  ) {}

  /** Every live entry's answer is prepared (readiness: `/healthz` answersReady). */
  get ready(): boolean {
    return this.prepared.ready;
  }

  /**
   * The answers as UTF-8 JSON (an AnswersResult). A repeated question reuses its ranking and
   * its snippets (cutting one scans the body: ~9% of the server's CPU in the bench's profile).
   */
  async answers(caller: TokenCaller, query: AnswersQuery, timing: Timing | null = null): Promise<Buffer> {
    void this.ranking?.start?.();
    const ranking = await this.ranked(caller, query, this.chainFor(query.locale).locale, timing);
    timing?.mark('search');
    if (ranking.reply) {
      timing?.mark('bodies');
      return ranking.reply;
    }
    // After the wait: the chain and seq of the index the reply's entries are read from.
    const seq = this.index.seq;
    const { locale, chain, notice } = this.chainFor(query.locale);
    const head: Omit<AnswersResult, 'answers'> = { locale, chain, notice, seq };
    const parts: Buffer[] = [Buffer.from(`${JSON.stringify(head).slice(0, -1)},"answers":[`)];
    ranking.hits.forEach((hit, i) => {
      const prepared = this.prepared.get(hit.id, hit.locale);
      if (!prepared) return;
      let tail = ranking.tails[i];
      if (!tail) {
        const varying: Pick<AnswersResult['answers'][number], 'snippet' | 'score' | 'fallback'> = {
          snippet: snippetText(prepared.text, hit.matched),
          score: hit.score,
          fallback: hit.fallback,
        };
        tail = ranking.tails[i] = tailOf(varying);
      }
      if (parts.length > 1) parts.push(COMMA);
      parts.push(prepared.open, tail);
    });
    parts.push(CLOSE);
    const reply = Buffer.concat(parts);
    ranking.written += 1;
    // Kept only while this ranking is the one kept for the index's current state.
    if (ranking.written >= 2 && this.rankings.seq === seq && this.rankings.replyBytes + reply.length <= REPLY_BYTES) {
      ranking.reply = reply;
      this.rankings.replyBytes += reply.length;
    }
    timing?.mark('bodies');
    return reply;
  }

  /**
   * One entry as UTF-8 JSON (an Answer with a `notice`), in the first locale of the chain that
   * has a variant the caller may see; null = 404.
   */
  entry(caller: TokenCaller, id: string, asked: string): Buffer | null {
    void this.ranking?.start?.();
    const { locale, chain, notice } = this.chainFor(asked);
    for (const candidate of chain) {
      const prepared = this.prepared.get(id, candidate);
      if (!prepared || !visibleTo(caller, prepared.facts)) continue;
      const fallback = candidate !== locale;
      const varying: Pick<Answer, 'snippet' | 'fallback'> & { notice: string | null } = {
        snippet: prepared.text.replace(/\s+/g, ' ').slice(0, ENTRY_SNIPPET_LENGTH),
        fallback,
        notice: notice ?? (fallback ? `no "${locale}" variant of "${id}"; this is the "${candidate}" one` : null),
      };
      return Buffer.concat([prepared.open, tailOf(varying)]);
    }
    return null;
  }

  private async ranked(caller: TokenCaller, query: AnswersQuery, locale: string, timing: Timing | null): Promise<Ranking> {
    const seq = this.index.seq;
    if (this.rankings.seq !== seq) {
      this.rankings.byQuestion.clear();
      this.rankings.seq = seq;
      this.rankings.replyBytes = 0;
    }
    const key = JSON.stringify([query.q, locale, query.kind ?? null, query.limit, caller.tags]);
    const known = this.rankingCache ? this.rankings.byQuestion.get(key) : undefined;
    timing?.note('rank', known ? 'hit' : 'miss');
    if (known) return known;
    const search: SearchQuery = {
      query: query.q,
      locale,
      fallbackLocales: FALLBACK_LOCALES,
      limit: query.limit,
      ...(query.kind ? { kind: query.kind } : {}),
      ...(caller.tags ? { anyTags: caller.tags } : {}),
    };
    const hits = this.ranking?.available ? await this.ranking.rank(search).catch(() => this.index.search(search)) : this.index.search(search);
    const ranking: Ranking = { hits, tails: hits.map(() => null), written: 0, reply: null };
    // Ranked on the index as it was at `seq`: kept only while that is still the index's state.
    if (this.rankingCache && this.index.seq === seq && this.rankings.seq === seq) this.rankings.byQuestion.set(key, ranking);
    return ranking;
  }

  private chainFor(asked: string): Chain {
    if (this.chains.seq !== this.index.seq) this.chains = { seq: this.index.seq, byLocale: new Map() };
    const known = this.chains.byLocale.get(asked);
    if (known) return known;
    const locale = canonicalLocale(asked);
    const held = this.index.catalog.locales();
    const chain = localeChain(locale, FALLBACK_LOCALES, held).filter((l) => held.includes(l));
    const notice = held.includes(locale) ? null : `no entries in "${locale}"; answering from ${chain.length > 0 ? chain.join(' → ') : 'nothing (the knowledge base is empty)'}`;
    if (this.chains.byLocale.size >= CHAINS_KEPT) this.chains.byLocale.clear();
    const made = { locale, chain, notice };
    this.chains.byLocale.set(asked, made);
    return made;
  }
}

/** A bot sees entries carrying one of its tags; every other role sees every live entry. */
function visibleTo(caller: Pick<TokenCaller, 'tags'>, entry: { tags: readonly string[] }): boolean {
  return caller.tags === null || caller.tags.some((tag) => entry.tags.includes(tag));
}
