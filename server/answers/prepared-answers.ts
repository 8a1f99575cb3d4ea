/**
 * Each live entry's answer as a bot receives it, prepared once per state of the entry: the
 * members that do not depend on the question (id … renderError) already serialised as JSON.
 * Serialising the bodies' text and HTML on every request cost as much as ranking (~0.4 ms for 5
 * answers of the gnome-help corpus), and reading an entry back from the index decodes its whole
 * JSON.
 *
 * Prepared ahead of the questions: every live entry once the index is loaded, and each change as
 * the index applies it, in slices of a few milliseconds between requests. A bot's question then
 * renders no Markdown: in the bench's profile (30 Nov 2026) rendering bodies never prepared was
 * ~20% of the server's CPU (~one new entry per request for the first 20,000 questions, the long
 * tail's), the largest cost after ranking.
 *
 * A prepared answer is valid while the catalog holds the very object it was made from: every
 * change of the entry (a new version, a re-verification, a retirement, a rebuilt index) replaces
 * or removes that object, so nothing stale is served and nothing needs invalidating by hand.
 * Bounded by bytes (`maxBytes`, default DEFAULT_PREPARED_MB): the warm-up stops rather than
 * evict; past the bound an answer prepared when asked pushes out the longest-kept one (first in,
 * first out: a plain Map, whose lookups cost a tenth of an LRU's, ~6% of the main thread's time
 * on the bench with lru-cache). All 100,000 entries of the bench take ~370 MB (3.7 KB of JSON
 * each; the server's RSS grew 266 MB), outside V8's heap.
 */
import type { EntryChange } from '../../common/search/types';
import { reviewFieldsOf } from '../../common/review-badges';
import type { AnswerIndex } from './answer-index';
import type { BodyRenderer } from './answer-body';
import type { CatalogEntry } from './entry-catalog';
import type { Answer } from './answer-service';

export const DEFAULT_PREPARED_MB = 512;
/** How long one warm-up slice may keep the event loop before it lets requests in. */
const SLICE_MS = 8;
/** What a prepared answer costs beyond its JSON (the object, the key, the cache's node). */
const ENTRY_OVERHEAD_BYTES = 160;

/** What a question does not change: every member of an answer but its snippet, score and fallback. */
export type FixedAnswer = Omit<Answer, 'snippet' | 'fallback'>;

export class PreparedAnswer {
  constructor(
    /** The catalog's facts it was prepared from (its identity is the cache's validity). */
    readonly facts: CatalogEntry,
    /**
     * FixedAnswer as UTF-8 JSON without its closing brace: `{"id":"…",…,"renderError":null`. Kept
     * encoded, so a reply copies bytes instead of encoding ~25,000 characters of text and HTML
     * per request, and the bytes live outside V8's heap.
     */
    readonly open: Buffer,
    /** Where the `text` member's JSON string stands in `open` (bytes). */
    private readonly textStart: number,
    private readonly textEnd: number,
  ) {}

  /**
   * The body as plain text (snippets are cut from it), decoded from `open` when asked: a snippet
   * is cut once per question and hit (the ranking cache keeps it), while keeping every text as a
   * string would put ~170 MB more on V8's heap at 100,000 entries.
   */
  get text(): string {
    return JSON.parse(this.open.toString('utf8', this.textStart, this.textEnd)) as string;
  }
}

export interface PreparedAnswersOptions {
  /** Memory for prepared answers (their JSON bytes plus a small overhead each). */
  maxBytes?: number;
}

export class PreparedAnswers {
  private readonly cache = new Map<string, PreparedAnswer>();
  private bytes = 0;
  private readonly maxBytes: number;
  /** Entries to prepare ahead, as the catalog's facts when they were queued; `next` is the first not done. */
  private queue: CatalogEntry[] = [];
  private next = 0;
  private timer: NodeJS.Immediate | null = null;
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly index: AnswerIndex,
    private readonly bodies: BodyRenderer,
    options: PreparedAnswersOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_PREPARED_MB * 1024 * 1024;
  }

  /**
   * From now on answers are prepared ahead: every live entry, then each change as the index
   * applies it (answers-speed-up.ts decides when). Until then they are prepared when asked.
   */
  startAhead(): void {
    if (this.stopListening) return;
    this.stopListening = this.index.onApplied((changes) => this.enqueue(changes));
    this.enqueue('all');
  }

  /** True unless entries queued ahead are still being prepared (the memory bound ends that too). */
  get ready(): boolean {
    return this.next >= this.queue.length;
  }

  /** How many answers are kept prepared. */
  get size(): number {
    return this.cache.size;
  }

  /** The live entry's prepared answer; null when the index does not hold it. */
  get(id: string, locale: string): PreparedAnswer | null {
    const facts = this.index.catalog.get(id, locale);
    if (!facts) return null;
    const key = `${locale}\u0000${id}`;
    const cached = this.cache.get(key);
    if (cached?.facts === facts) return cached;
    const prepared = this.prepare(facts, false);
    if (prepared) this.keep(key, prepared, true);
    return prepared;
  }

  close(): void {
    this.stopListening?.();
    this.stopListening = null;
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    this.queue = [];
    this.next = 0;
  }

  private prepare(facts: CatalogEntry, ahead: boolean): PreparedAnswer | null {
    const entry = this.index.get(facts.id, facts.locale);
    if (!entry) return null;
    // Ahead of questions the renderer's own cache is not filled: this cache keeps the result.
    const body = ahead ? this.bodies.renderOnce(entry) : this.bodies.render(entry);
    const head = `${JSON.stringify({ id: entry.id, locale: entry.locale, kind: entry.kind, title: entry.title }).slice(0, -1)},"text":`;
    const text = JSON.stringify(body.text);
    const rest: Omit<FixedAnswer, 'id' | 'locale' | 'kind' | 'title' | 'text'> = {
      html: body.html,
      variables: body.variables,
      tags: entry.tags,
      urlOrPath: entry.urlOrPath,
      version: entry.version,
      approval: reviewFieldsOf(entry),
      renderError: body.renderError,
    };
    const open = Buffer.from(`${head}${text},${JSON.stringify(rest).slice(1, -1)}`);
    const textStart = Buffer.byteLength(head);
    return new PreparedAnswer(facts, open, textStart, textStart + Buffer.byteLength(text));
  }

  /**
   * Keeps `prepared` under `key` (replacing what was there) within the byte bound: when it does
   * not fit, `evict` pushes out the longest-kept answers, else it is not kept (false).
   */
  private keep(key: string, prepared: PreparedAnswer, evict: boolean): boolean {
    const size = sizeOf(prepared);
    if (size > this.maxBytes) return false;
    const replaced = this.cache.get(key);
    const freed = replaced ? sizeOf(replaced) : 0;
    if (this.bytes - freed + size > this.maxBytes) {
      if (!evict) return false;
      for (const [oldKey, old] of this.cache) {
        if (this.bytes - freed + size <= this.maxBytes) break;
        if (oldKey === key) continue;
        this.cache.delete(oldKey);
        this.bytes -= sizeOf(old);
      }
    }
    this.cache.set(key, prepared);
    this.bytes += size - freed;
    return true;
  }

  private drop(key: string): void {
    const kept = this.cache.get(key);
    if (!kept) return;
    this.cache.delete(key);
    this.bytes -= sizeOf(kept);
  }

  private enqueue(changes: readonly EntryChange[] | 'all'): void {
    if (changes === 'all') {
      // A rebuilt index (a new epoch): nothing kept is known to be live any more.
      this.cache.clear();
      this.bytes = 0;
      this.queue = this.index.catalog.filter(() => true);
      this.next = 0;
    } else {
      if (this.ready) {
        this.queue = [];
        this.next = 0;
      }
      for (const change of changes) {
        if (change.type === 'remove') {
          this.drop(`${change.locale}\u0000${change.id}`);
          continue;
        }
        const facts = this.index.catalog.get(change.entry.id, change.entry.locale);
        if (facts) this.queue.push(facts);
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer === null && !this.ready) this.timer = setImmediate(() => this.slice());
  }

  /** Prepares queued entries for up to SLICE_MS, then yields to the requests waiting. */
  private slice(): void {
    this.timer = null;
    const until = performance.now() + SLICE_MS;
    while (this.next < this.queue.length && performance.now() < until) {
      const facts = this.queue[this.next] as CatalogEntry;
      this.next += 1;
      // A later change replaced these facts (and queued its own) or removed the entry.
      if (this.index.catalog.get(facts.id, facts.locale) !== facts) continue;
      const key = `${facts.locale}\u0000${facts.id}`;
      if (this.cache.get(key)?.facts === facts) continue;
      const prepared = this.prepare(facts, true);
      if (prepared && !this.keep(key, prepared, false)) {
        // Full: what is left is prepared when asked.
        this.next = this.queue.length;
        break;
      }
    }
    if (this.ready) {
      this.queue = [];
      this.next = 0;
    } else this.schedule();
  }
}

function sizeOf(prepared: PreparedAnswer): number {
  return prepared.open.length + ENTRY_OVERHEAD_BYTES;
}
