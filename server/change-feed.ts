/**
 * What the `change` events of `/v1/events` say, decided once per commit for every stream of this
 * instance. Each poke of the hub becomes one event `{seq, epoch, page?}`; when the changes since
 * the previous event are small (INLINE_PAGE_MAX_BYTES) the event carries them as the
 * `/v1/changes` page from the previous event's seq, so 200 clients apply a change without 200
 * requests (issue #19: a pull cost a client ~1.65 ms of CPU and the server ~0.27 ms).
 *
 * Events leave in seq order: pokes are handled one at a time, and pokes that arrive while a page
 * is read are folded into the next event (one read and one event for a burst of commits). A page
 * that cannot be read, is larger than the cap or does not reach the poked seq is left out: the
 * event is then a plain poke and clients pull, as before.
 *
 * A new version of the synonym set (an approval or retirement, issue #18) is not in the change
 * log: it goes out as its own `synonyms` event `{version}`, so agents fetch the set at once
 * instead of at their next throttled refresh. A new signed org key list (issue #15) goes out the
 * same way as a `key-list` event `{version}`: agents fetch, check and apply it at once.
 */
import { INLINE_PAGE_MAX_BYTES } from '../common/sync-protocol';
import type { PokeHub } from './pokes';

/** Reads `/v1/changes?after=&limit=` as JSON text with a byte budget (KnowledgeRepo.changesPage). */
export type PageReader = (after: number, limit: number, budget: number) => Promise<{ json: string; items: number }>;

type EventListener = (seq: number, data: string) => void;

/**
 * Commits of more changes than this are only poked, unread: a bulk import's page would pass the
 * byte cap anyway, and the read to find out costs the whole batch (the page read fetches its
 * first rows in one query).
 */
const MAX_INLINE_CHANGES = 32;

export interface ChangeFeedOptions {
  pokes: PokeHub;
  read: PageReader;
  epoch: string;
  /** The latest seq when the feed starts: the first event's page starts after it. */
  latestSeq: number;
  /** Off: every event is a plain poke (what servers before issue #19 sent). */
  inline?: boolean;
  maxInlineBytes?: number;
  onError?: (error: unknown) => void;
}

export class ChangeFeed {
  private readonly listeners = new Set<EventListener>();
  private readonly synonymListeners = new Set<(data: string) => void>();
  private readonly keyListListeners = new Set<(data: string) => void>();
  private readonly unsubscribe: () => void;
  private readonly unsubscribeSynonyms: () => void;
  private readonly unsubscribeKeyList: () => void;
  /** The seq of the last event sent (the next event's page starts after it). */
  private last: number;
  /** The furthest seq poked. */
  private wanted: number;
  private draining = false;

  constructor(private readonly options: ChangeFeedOptions) {
    this.last = this.wanted = options.latestSeq;
    this.unsubscribe = options.pokes.subscribe((seq) => this.poked(seq));
    this.unsubscribeSynonyms = options.pokes.subscribeSynonyms((version) => {
      for (const listener of this.synonymListeners) listener(`{"version":${version}}`);
    });
    this.unsubscribeKeyList = options.pokes.subscribeKeyList((version) => {
      for (const listener of this.keyListListeners) listener(`{"version":${version}}`);
    });
  }

  /** `data` of each `key-list` event (a new signed org key list's version, issue #15). */
  subscribeKeyList(listener: (data: string) => void): () => void {
    this.keyListListeners.add(listener);
    return () => this.keyListListeners.delete(listener);
  }

  /** `data` of each `synonyms` event (the set's new version). */
  subscribeSynonyms(listener: (data: string) => void): () => void {
    this.synonymListeners.add(listener);
    return () => this.synonymListeners.delete(listener);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.unsubscribeSynonyms();
    this.unsubscribeKeyList();
    this.listeners.clear();
    this.synonymListeners.clear();
    this.keyListListeners.clear();
  }

  /** The data of a plain poke (also the `hello` event's). */
  pokeData(seq: number): string {
    return `{"seq":${seq},"epoch":${JSON.stringify(this.options.epoch)}}`;
  }

  private poked(seq: number): void {
    if (seq <= this.wanted) return;
    this.wanted = seq;
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.wanted > this.last) {
        const after = this.last;
        const to = this.wanted;
        const data = await this.eventData(after, to);
        this.last = to;
        this.emit(to, data);
      }
    } finally {
      this.draining = false;
    }
  }

  private async eventData(after: number, to: number): Promise<string> {
    if (this.options.inline === false || to - after > MAX_INLINE_CHANGES) return this.pokeData(to);
    const cap = this.options.maxInlineBytes ?? INLINE_PAGE_MAX_BYTES;
    try {
      const page = await this.options.read(after, to - after, cap);
      if (page.items !== to - after || Buffer.byteLength(page.json, 'utf8') > cap) return this.pokeData(to);
      return `{"seq":${to},"epoch":${JSON.stringify(this.options.epoch)},"page":${page.json}}`;
    } catch (error) {
      this.options.onError?.(error);
      return this.pokeData(to);
    }
  }

  private emit(seq: number, data: string): void {
    for (const listener of this.listeners) listener(seq, data);
  }
}
