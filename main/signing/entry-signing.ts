/**
 * Signed knowledge on an agent (issue #15, docs/signing.md). When an org root key is pinned:
 * - each sync page's entries are verified before they are stored (a PageScreen for main/sync):
 *   refused ones are skipped and counted with their reason, and never replace what is stored;
 * - the key list is fetched with every pull and kept only if the root signed it (HeldKeyList);
 * - a new key list or a newly pinned root re-verifies the whole store, moving refused entries aside;
 * - an entry is verified again when opened, previewed, inserted or copied (check()).
 * Without a pinned root key nothing is checked and entries show as *unsigned*.
 */
import { entryKey, type KnowledgeEntry } from '../../common/knowledge';
import { MAX_KEY_LIST_BYTES, type KeyList } from '../../common/signing/key-list';
import { KEY_LIST_PATH } from '../../common/signing/signing-protocol';
import { keysById, keyStanding, REFUSAL_TEXT, verifyEntry, type EntryVerdict, type RefusalReason } from '../../common/signing/verify-entry';
import { CarriedSignaturesSchema } from '../../common/signing/approval';
import type { KeyValueStore } from '../store/key-value-store';
import type { KnowledgeStore } from '../store/knowledge-store';
import { fetchText, joinUrl, messageOf } from '../sync/http';
import type { PageScreen, ScreeningPage } from '../sync/puller';
import type { Timers } from '../core/ports';
import { realTimers } from '../sync/timers';
import type { SkippedItem, VerifiedPage } from '../sync/verify-page';
import { verifyText } from './ed25519';
import { verifyRetirement } from '../../common/signing/retirement';
import { EMPTY_KEY_LIST, HeldKeyList } from './held-key-list';
import { VerifyPool, type SignatureVerifier } from './verify-pool';

/** The root the whole store was last verified under: a different pinned root re-verifies it. */
export const META_VERIFIED_ROOT = 'signing.verifiedRoot';

export interface EntrySigningDeps {
  rootKey: () => string | null;
  store: KnowledgeStore;
  meta: KeyValueStore;
  fetch: typeof fetch;
  now: () => Date;
  log: (line: string) => void;
  timers?: Timers;
  requestTimeoutMs?: number;
  /** Where signatures are checked (default: a VerifyPool, worker threads for big batches). */
  verifier?: SignatureVerifier;
  /** A new key list was accepted and the store re-verified under it: what else follows the list (held synonyms) is checked again. */
  onKeyListChanged?: () => void;
}

export class EntrySigning implements PageScreen {
  private readonly keyList: HeldKeyList;
  private ready: Promise<void> = Promise.resolve();
  /** Why the last key list the server sent was refused, or null. */
  keyListProblem: string | null = null;
  /** The held list as last read, for the synchronous signersOf() (search results). */
  private snapshot: { root: string; list: KeyList; byKey: ReturnType<typeof keysById> } | null = null;

  private readonly verifier: SignatureVerifier;
  /** Stored entries the last re-verification moved aside, not yet reported (takeRefused()). */
  private refusedByList: SkippedItem[] = [];

  constructor(private readonly deps: EntrySigningDeps) {
    this.keyList = new HeldKeyList(deps.meta);
    this.verifier = deps.verifier ?? new VerifyPool({ log: deps.log });
  }

  prepare(server: { serverUrl: string; token: string }): void {
    if (this.deps.rootKey()) this.verifier.warm();
    this.ready = this.refreshKeyList(server).catch((error: unknown) => {
      this.deps.log(`could not refresh the org key list: ${messageOf(error)}`);
    });
  }

  /**
   * Starts verifying the page's signatures now (in a worker for a big page, while the page before
   * is being stored); `settle`, called once that page is stored, adds the rollback check against
   * what is stored then and answers the page without what is refused.
   */
  screen(page: VerifiedPage): ScreeningPage {
    const upserts = page.items.flatMap((item) => (item.op === 'upsert' ? [item] : []));
    const verdicts = this.ready.then(async () => {
      const root = this.deps.rootKey();
      return root ? this.verifier.verify(upserts.map((item) => item.entry), await this.currentList(root)) : null;
    });
    verdicts.catch(() => undefined); // awaited by settle(); this only silences a page never settled
    return { settle: async () => this.settle(page, upserts, await verdicts) };
  }

  /** The stored entries a new key list (or a newly pinned root) refused, once the list prepare() fetched is applied; each reported once. */
  async takeRefused(): Promise<SkippedItem[]> {
    await this.ready;
    const refused = this.refusedByList;
    this.refusedByList = [];
    return refused;
  }

  /** Ends the signature workers (the app quitting, a CLI command done). */
  close(): Promise<void> {
    return this.verifier.close();
  }

  private async settle(page: VerifiedPage, upserts: ReadonlyArray<Extract<VerifiedPage['items'][number], { op: 'upsert' }>>, verdicts: EntryVerdict[] | null): Promise<VerifiedPage> {
    const root = this.deps.rootKey();
    if (!verdicts || !root) return page;
    const removes = page.items.flatMap((item) => (item.op === 'remove' ? [item] : []));
    const stored = await this.deps.store.versionsOf([...upserts, ...removes]);
    /** Why each refused item (by seq) is refused, as the sync status names it. */
    const refused = new Map<number, string>();
    for (const [i, item] of upserts.entries()) {
      const verdict = verdicts[i] ?? { ok: false, reason: 'bad_signature' };
      const held = stored.get(entryKey(item.id, item.locale));
      if (!verdict.ok) refused.set(item.seq, `refused: ${REFUSAL_TEXT[verdict.reason]}`);
      else if (held !== undefined && item.entry.version < held) refused.set(item.seq, `refused: ${REFUSAL_TEXT.rollback}`);
    }
    // A retirement takes an approved entry away only with an approver's signature (issue #15); one
    // of an entry this agent does not hold removes nothing and is let through.
    const list = removes.length > 0 ? await this.currentList(root) : null;
    for (const item of removes) {
      const held = stored.get(entryKey(item.id, item.locale));
      if (held === undefined || !list) continue;
      const verdict = verifyRetirement(item, held, list, verifyText);
      if (!verdict.ok) refused.set(item.seq, `retirement refused: ${REFUSAL_TEXT[verdict.reason]}`);
    }
    if (refused.size === 0) return page;
    // A refused entry never replaces the good version held. In a resync from scratch (into the
    // staging table, swapped in whole) the held version is carried over in the refused one's place.
    const items: VerifiedPage['items'] = [];
    const skipped: SkippedItem[] = [];
    for (const item of page.items) {
      const reason = refused.get(item.seq);
      if (reason === undefined) {
        items.push(item);
        continue;
      }
      if (item.op === 'tombstone') continue;
      skipped.push({ seq: item.seq, id: item.id, locale: item.locale, reason });
      if (stored.has(entryKey(item.id, item.locale))) {
        const held = await this.deps.store.get(item.id, item.locale);
        if (held) items.push({ seq: item.seq, op: 'upsert', id: item.id, locale: item.locale, entry: held });
      }
    }
    return { ...page, items, skipped: [...page.skipped, ...skipped].sort((a, b) => a.seq - b.seq) };
  }

  /** The verdict on a stored entry about to be shown or used (refused ones are moved aside), or null when no root key is pinned. */
  async check(entry: KnowledgeEntry): Promise<EntryVerdict | null> {
    const verdict = await this.verdict(entry);
    if (verdict && !verdict.ok) await this.deps.store.quarantine([{ entry, reason: verdict.reason }], this.deps.now().toISOString());
    return verdict;
  }

  /** check() without moving anything: what `audit` reports. */
  async verdict(entry: KnowledgeEntry): Promise<EntryVerdict | null> {
    const root = this.deps.rootKey();
    if (!root) return null;
    const verdict = verifyEntry(entry, await this.currentList(root), verifyText);
    if (verdict.ok) return verdict;
    // It passed before it was stored: a signature that no longer matches was changed here.
    const verifiedBefore = (await this.deps.meta.get(META_VERIFIED_ROOT)) === root;
    return { ok: false, reason: verdict.reason === 'bad_signature' && verifiedBefore ? 'changed_locally' : verdict.reason };
  }

  /** The held key list under the pinned root, or null without one (also primes signersOf()). */
  async list(): Promise<KeyList | null> {
    const root = this.deps.rootKey();
    return root ? this.currentList(root) : null;
  }

  /**
   * The names the held list gives the keys that signed a stored entry (verified when it was stored,
   * and again on open), for the *approved by* badge of search results; null without a root key.
   */
  signersOf(entry: KnowledgeEntry): string[] | null {
    const root = this.deps.rootKey();
    if (!root) return null;
    const byKey = this.snapshot?.root === root ? this.snapshot.byKey : keysById(EMPTY_KEY_LIST);
    const carried = CarriedSignaturesSchema.safeParse(entry.signatures ?? []);
    if (!carried.success) return [];
    return [...new Set(carried.data.flatMap((s) => {
      const standing = keyStanding(s, byKey);
      return standing.ok ? [standing.name] : [];
    }))].sort();
  }

  private async currentList(root: string): Promise<KeyList> {
    const list = await this.keyList.current(root);
    if (this.snapshot?.root !== root || this.snapshot.list !== list) this.snapshot = { root, list, byKey: keysById(list) };
    return list;
  }

  /** Offers a key list (as the server sent it) and re-verifies the store when it changed. */
  async offerKeyList(offered: unknown): Promise<void> {
    const root = this.deps.rootKey();
    if (!root) return;
    const outcome = await this.keyList.offer(root, offered);
    if (!outcome.accepted) {
      this.keyListProblem = outcome.reason;
      this.deps.log(outcome.reason);
    } else this.keyListProblem = null;
    const verifiedUnder = await this.deps.meta.get(META_VERIFIED_ROOT);
    if ((outcome.accepted && outcome.changed) || verifiedUnder !== root) await this.sweep(root, verifiedUnder === root);
    if (outcome.accepted && outcome.changed) this.deps.onKeyListChanged?.();
  }

  /** Verifies every stored entry under the held list; refused ones are moved aside with their reason. */
  private async sweep(root: string, verifiedBefore: boolean): Promise<void> {
    const list = await this.currentList(root);
    const refused: Array<{ entry: KnowledgeEntry; reason: RefusalReason }> = [];
    const entries = await this.deps.store.all();
    for (const [i, verdict] of (await this.verifier.verify(entries, list)).entries()) {
      const entry = entries[i] as KnowledgeEntry;
      if (!verdict.ok) refused.push({ entry, reason: verdict.reason === 'bad_signature' && verifiedBefore ? 'changed_locally' : verdict.reason });
    }
    await this.deps.store.quarantine(refused, this.deps.now().toISOString());
    await this.deps.meta.set(META_VERIFIED_ROOT, root);
    this.refusedByList.push(
      ...refused.map(({ entry, reason }) => ({ seq: 0, id: entry.id, locale: entry.locale, reason: `refused: ${REFUSAL_TEXT[reason]}` })),
    );
    if (refused.length > 0) this.deps.log(`signed knowledge: ${refused.length} stored entr${refused.length === 1 ? 'y' : 'ies'} refused under the org key list`);
  }

  private async refreshKeyList(server: { serverUrl: string; token: string }): Promise<void> {
    if (!this.deps.rootKey()) return;
    let offered: unknown;
    try {
      const { text } = await fetchText(this.deps.fetch, joinUrl(server.serverUrl, KEY_LIST_PATH), {
        headers: { authorization: `Bearer ${server.token}`, accept: 'application/json' },
        timeoutMs: this.deps.requestTimeoutMs ?? 30_000,
        maxBytes: MAX_KEY_LIST_BYTES,
        timers: this.deps.timers ?? realTimers,
      });
      offered = (JSON.parse(text) as { keyList?: unknown }).keyList ?? null;
    } catch (error) {
      this.keyListProblem = `key list refused: ${messageOf(error)}`;
      this.deps.log(this.keyListProblem);
      offered = null; // the held list stays; the store is still verified under a newly pinned root
    }
    await this.offerKeyList(offered);
  }
}
