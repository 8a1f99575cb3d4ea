/**
 * The organisation's synonyms on the agent's machine (issue #18): fetched from the knowledge
 * server when the sync reaches it, at most once in 10 s (GET /v1/synonyms?since=<version>: a few
 * bytes when nothing changed), kept in the local DB so search expands queries offline and after a restart,
 * and handed to the search engine. A rule the server should never have sent (it fails the shared
 * rule check) is skipped on its own; the others still apply.
 */
import { z } from 'zod';
import { LiveSynonymsSchema } from '../../common/synonyms/synonym-protocol';
import { ruleProblem, SynonymRuleSchema, type SynonymRule } from '../../common/synonyms/synonym-rules';
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
  log: (line: string) => void;
  timers?: Timers;
  requestTimeoutMs?: number;
  now?: () => Date;
}

/** The rules that pass the shared check; the number skipped. */
function usable(rules: readonly unknown[]): { rules: SynonymRule[]; skipped: number } {
  const out: SynonymRule[] = [];
  for (const raw of rules) {
    const parsed = SynonymRuleSchema.safeParse(raw);
    if (parsed.success && ruleProblem(parsed.data) === null) out.push(parsed.data);
  }
  return { rules: out, skipped: rules.length - out.length };
}

export class SynonymSync {
  private held: { serverUrl: string; version: number } | null = null;
  private running: Promise<void> | null = null;
  private lastRefresh = -Infinity;

  constructor(private readonly deps: SynonymSyncDeps) {}

  /** Applies the rules kept from the last sync (of the configured server only). */
  async init(): Promise<void> {
    const stored = StoredSchema.safeParse(await this.deps.meta.get(META_SYNONYMS));
    const config = this.deps.config();
    if (!stored.success || !config || stored.data.serverUrl !== config.serverUrl) return;
    this.held = { serverUrl: stored.data.serverUrl, version: stored.data.version };
    this.deps.apply(usable(stored.data.rules).rules);
  }

  /**
   * On the agent's first keystrokes: a rule a lead approved a minute ago applies to this search's
   * next keystrokes, without waiting for the next pull. Off the keystroke path (not awaited).
   */
  refreshSoon(): Promise<void> {
    const now = (this.deps.now ?? (() => new Date()))().getTime();
    if (now - this.lastRefresh < SEARCH_REFRESH_MS) return this.running ?? Promise.resolve();
    return this.refresh();
  }

  /** Fetches the live set when it changed; one fetch at a time (a call during one joins it). */
  refresh(): Promise<void> {
    this.lastRefresh = (this.deps.now ?? (() => new Date()))().getTime();
    this.running ??= this.fetchOnce()
      .catch((error: unknown) => this.deps.log(`synonyms: ${messageOf(error)}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
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
    this.deps.apply(rules);
  }
}
