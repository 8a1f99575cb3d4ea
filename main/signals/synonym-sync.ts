/**
 * The organisation's synonyms on the agent's machine (issue #18): fetched from the knowledge
 * server when the sync reaches it, at most once in 10 s (GET /v1/synonyms?since=<version>: a few
 * bytes when nothing changed), kept in the local DB so search expands queries offline and after a restart,
 * and handed to the search engine. A rule the server should never have sent (it fails the shared
 * rule check) is skipped on its own; the others still apply. With an org root key pinned, only
 * rules an approver key of the held key list signed apply (common/signing/synonym-approval.ts);
 * the others are refused with their reason (`refused`), like entries. A `synonyms` event of the
 * event stream (an approval a second ago) fetches at once (refresh()), not after the 10 s throttle.
 */
import { z } from 'zod';
import { SingleFlight } from '../../common/single-flight';
import { LiveSynonymRuleSchema, LiveSynonymsSchema, type LiveSynonymRule } from '../../common/synonyms/synonym-protocol';
import { ruleProblem, type SynonymRule } from '../../common/synonyms/synonym-rules';
import type { KeyList } from '../../common/signing/key-list';
import { verifySynonymRule, type SynonymRefusal } from '../../common/signing/synonym-approval';
import type { VerifyFn } from '../../common/signing/verify-entry';
import type { KeyValueStore } from '../store/key-value-store';
import { fetchText, joinUrl, messageOf } from '../sync/http';
import type { SyncServerConfig } from '../sync/sync-engine';
import type { Timers } from '../core/ports';
import { realTimers } from '../sync/timers';

/** A search asks for new synonyms at most this often (the answer is a few bytes when none changed). */
export const SEARCH_REFRESH_MS = 10_000;
/** 5,000 rules of 50 terms of 80 characters, JSON-escaped, stay below it. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
export const META_SYNONYMS = 'synonyms';

const StoredSchema = z.object({ serverUrl: z.string(), version: z.number().int().nonnegative(), rules: z.array(z.unknown()) });

export interface SynonymSyncDeps {
  meta: KeyValueStore;
  fetch: typeof fetch;
  config: () => SyncServerConfig | null;
  /** Told the rules to search with (at start, and after each change). */
  apply: (rules: SynonymRule[]) => void;
  /** Signed synonyms: the held org key list when a root key is pinned, else null (nothing checked). */
  keyList?: () => Promise<KeyList | null>;
  verify?: VerifyFn;
  log: (line: string) => void;
  timers?: Timers;
  requestTimeoutMs?: number;
  now?: () => Date;
}

/** The rules that pass the shared check; the number skipped. */
function usable(rules: readonly unknown[]): { rules: LiveSynonymRule[]; skipped: number } {
  const out: LiveSynonymRule[] = [];
  for (const raw of rules) {
    const parsed = LiveSynonymRuleSchema.safeParse(raw);
    if (parsed.success && ruleProblem(parsed.data) === null) out.push(parsed.data);
  }
  return { rules: out, skipped: rules.length - out.length };
}

const searchRule = ({ locale, terms, oneWayTo }: LiveSynonymRule): SynonymRule => ({ locale, terms, oneWayTo });

export class SynonymSync {
  private held: { serverUrl: string; version: number } | null = null;
  private readonly fetching = new SingleFlight(
    () => this.fetchOnce(),
    (error) => this.deps.log(`synonyms: ${messageOf(error)}`),
  );
  private lastRefresh = -Infinity;
  /** Rules held but not applied, by reason, after the last check under a pinned root key. */
  refused: Partial<Record<SynonymRefusal, number>> = {};

  constructor(private readonly deps: SynonymSyncDeps) {}

  /** Applies the rules kept from the last sync (of the configured server only). */
  async init(): Promise<void> {
    const stored = await this.storedRules();
    if (!stored) return;
    this.held = { serverUrl: stored.serverUrl, version: stored.version };
    await this.applyChecked(usable(stored.rules).rules);
  }

  /**
   * A new org key list was accepted (issue #15): the held rules are checked again under it, so a
   * rule signed by a key revoked before its approval time leaves search at once; the others stay.
   */
  async recheck(): Promise<void> {
    const stored = await this.storedRules();
    if (stored) await this.applyChecked(usable(stored.rules).rules);
  }

  /** The rules kept from the last sync of the configured server, or null. */
  private async storedRules(): Promise<z.infer<typeof StoredSchema> | null> {
    const stored = StoredSchema.safeParse(await this.deps.meta.get(META_SYNONYMS));
    const config = this.deps.config();
    return stored.success && config && stored.data.serverUrl === config.serverUrl ? stored.data : null;
  }

  /**
   * On the agent's first keystrokes: a rule a lead approved a minute ago applies to this search's
   * next keystrokes, without waiting for the next pull. Off the keystroke path (not awaited).
   */
  refreshSoon(): Promise<void> {
    const now = (this.deps.now ?? (() => new Date()))().getTime();
    if (now - this.lastRefresh < SEARCH_REFRESH_MS) return this.fetching.current ?? Promise.resolve();
    return this.refresh();
  }

  /** Fetches the live set when it changed; one fetch at a time (a call during one joins it). */
  refresh(): Promise<void> {
    this.lastRefresh = (this.deps.now ?? (() => new Date()))().getTime();
    return this.fetching.run();
  }

  private async fetchOnce(): Promise<void> {
    const config = this.deps.config();
    if (!config) return;
    const since = this.held?.serverUrl === config.serverUrl ? `?since=${this.held.version}` : '';
    const { text } = await fetchText(this.deps.fetch, joinUrl(config.serverUrl, `/v1/synonyms${since}`), {
      headers: { authorization: `Bearer ${config.token}`, accept: 'application/json' },
      timeoutMs: this.deps.requestTimeoutMs ?? 30_000,
      maxBytes: MAX_ANSWER_BYTES,
      timers: this.deps.timers ?? realTimers,
    });
    const answer = LiveSynonymsSchema.extend({ rules: z.array(z.unknown()).nullable() }).parse(JSON.parse(text));
    if (answer.rules === null) return;
    const { rules, skipped } = usable(answer.rules);
    if (skipped > 0) this.deps.log(`synonyms: skipped ${skipped} rule(s) the server sent that fail the rule check`);
    await this.deps.meta.set(META_SYNONYMS, { serverUrl: config.serverUrl, version: answer.version, rules });
    this.held = { serverUrl: config.serverUrl, version: answer.version };
    await this.applyChecked(rules);
  }

  /** Hands the search the rules it may use: all, or with a pinned root key the signed ones. */
  private async applyChecked(rules: readonly LiveSynonymRule[]): Promise<void> {
    const list = (await this.deps.keyList?.()) ?? null;
    const verify = this.deps.verify;
    if (!list || !verify) {
      this.refused = {};
      this.deps.apply(rules.map(searchRule));
      return;
    }
    const refused: Partial<Record<SynonymRefusal, number>> = {};
    const accepted = rules.filter((rule) => {
      const verdict = verifySynonymRule(rule, list, verify);
      if (!verdict.ok) refused[verdict.reason] = (refused[verdict.reason] ?? 0) + 1;
      return verdict.ok;
    });
    this.refused = refused;
    const counts = Object.entries(refused).map(([reason, n]) => `${n} ${reason}`);
    if (counts.length > 0) this.deps.log(`synonyms: refused ${counts.join(', ')} rule(s) under the org key list`);
    this.deps.apply(accepted.map(searchRule));
  }
}
