/**
 * Sends the counted usage signals to the knowledge server with the sync (issue #18): whenever a
 * pull reached the server, and when a search ended with nothing used, at most once per
 * MIN_SEND_INTERVAL_MS. One batch at a time, under an id the server counts once; offline, the
 * batch waits in the local DB. The text of missed searches leaves only when the policy allows
 * it; with reporting off nothing leaves and what was counted is dropped.
 */
import { SingleFlight } from '../../common/single-flight';
import { SignalBatchResultSchema, type SignalItem } from '../../common/signals/signal-protocol';
import { fetchText, HttpError, joinUrl, messageOf } from '../sync/http';
import type { ServerSenderDeps, Timers } from '../core/ports';
import type { SignalStore } from './signal-store';

export const MIN_SEND_INTERVAL_MS = 60_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export interface SignalSenderDeps extends ServerSenderDeps {
  store: SignalStore;
  enabled: () => boolean;
  queryTextAllowed: () => boolean;
  timers: Timers;
  log: (line: string) => void;
}

/** An item as it leaves: a missed search's text only when the organisation's policy allows it. */
export function itemAsSent({ queryText, ...rest }: SignalItem, queryTextAllowed: boolean): SignalItem {
  return queryTextAllowed && queryText ? { ...rest, queryText } : rest;
}

export class SignalSender {
  private lastSend = -Infinity;
  private readonly sending = new SingleFlight(
    () => this.sendAll(),
    (error) => this.deps.log(`signals: ${messageOf(error)}`),
  );

  constructor(private readonly deps: SignalSenderDeps) {}

  /** Sends now unless a batch was sent in the last MIN_SEND_INTERVAL_MS. */
  soon(): Promise<void> {
    if (this.deps.now().getTime() - this.lastSend < MIN_SEND_INTERVAL_MS) return Promise.resolve();
    return this.flush();
  }

  flush(): Promise<void> {
    return this.sending.run();
  }

  private async sendAll(): Promise<void> {
    if (!this.deps.enabled()) {
      await this.deps.store.clear();
      return;
    }
    const config = this.deps.config();
    if (!config) return;
    for (;;) {
      const batch = await this.deps.store.nextBatch(config.serverUrl, this.deps.newId, this.deps.now());
      if (!batch) return;
      this.lastSend = this.deps.now().getTime();
      const textAllowed = this.deps.queryTextAllowed();
      const items = batch.items.map((item) => itemAsSent(item, textAllowed));
      try {
        const { text } = await fetchText(this.deps.fetch, joinUrl(config.serverUrl, '/v1/signals'), {
          method: 'POST',
          headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ batchId: batch.batchId, items }),
          timeoutMs: 30_000,
          maxBytes: MAX_ANSWER_BYTES,
          timers: this.deps.timers,
        });
        SignalBatchResultSchema.parse(JSON.parse(text));
        await this.deps.store.sent(batch.batchId);
      } catch (error) {
        // A 4xx other than auth/rate limits will never be accepted: drop it rather than retry forever.
        if (error instanceof HttpError && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status)) {
          this.deps.log(`signals: the server refused a batch for good (${error.message}); dropped`);
          await this.deps.store.sent(batch.batchId);
          continue;
        }
        throw error;
      }
    }
  }
}
