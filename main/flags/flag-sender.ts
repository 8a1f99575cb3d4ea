/**
 * Raising an agent's flag and getting it to the server: a flag goes into the local outbox first
 * (so it is never lost offline), then is sent whenever the sync is online; the overlay's status
 * bar shows how many wait. One send runs at a time; a flag the server refuses for good (the
 * entry is gone, the comment too long) is kept as refused instead of being retried forever.
 */
import { FlagResultSchema, type FlagReason } from '../../common/review-protocol';
import { HttpError, fetchText, joinUrl, messageOf } from '../sync/http';
import type { ServerSenderDeps, Timers } from '../core/ports';
import { realTimers } from '../sync/timers';
import type { FlagOutbox } from './flag-outbox';
import { Watched } from '../../common/listeners';
import { SingleFlight } from '../../common/single-flight';

export interface FlagSenderDeps extends ServerSenderDeps {
  outbox: FlagOutbox;
  log?: (line: string) => void;
  timers?: Timers;
  requestTimeoutMs?: number;
}

export interface RaisedFlag {
  id: string;
  locale: string;
  version: number;
  reason: FlagReason;
  comment: string;
}

const BATCH = 20;
/** The server answers a flag with a few dozen bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;

export class NoServerError extends Error {}

/** Answers that mean "try again later" rather than "this flag will never be accepted". */
function isTransient(error: unknown): boolean {
  if (!(error instanceof HttpError)) return true;
  return error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500;
}

export class FlagSender {
  private again = false;
  private readonly flushing = new SingleFlight(
    async () => {
      do {
        this.again = false;
        await this.sendAll();
      } while (this.again);
    },
    (error) => this.deps.log?.(`flags: ${messageOf(error)}`),
  );
  /** How many flags wait in the outbox for the configured server; the status bar watches it. */
  readonly waiting = new Watched(0);

  constructor(private readonly deps: FlagSenderDeps) {}

  async init(): Promise<void> {
    await this.refreshCount();
  }

  /** Stores the flag, then tries to send what waits without holding up the caller. */
  async raise(flag: RaisedFlag): Promise<{ waiting: number }> {
    const config = this.deps.config();
    if (!config) throw new NoServerError('Flags go to your team leads through the knowledge server; no server is set up in Settings.');
    await this.deps.outbox.add({ ...flag, clientId: this.deps.newId(), serverUrl: config.serverUrl, createdAt: this.deps.now().toISOString() });
    await this.refreshCount();
    // A send already under way may have read the outbox before this flag: it goes round again.
    if (this.flushing.busy) this.again = true;
    void this.flush();
    return { waiting: this.waiting.value };
  }

  /** Sends every waiting flag of the configured server; resolves when done or the server is unreachable. */
  flush(): Promise<void> {
    return this.flushing.run();
  }

  private async sendAll(): Promise<void> {
    for (;;) {
      const config = this.deps.config();
      if (!config) return;
      const batch = await this.deps.outbox.waiting(config.serverUrl, BATCH);
      if (batch.length === 0) return;
      for (const flag of batch) {
        try {
          const { text } = await fetchText(this.deps.fetch, joinUrl(config.serverUrl, '/v1/flags'), {
            method: 'POST',
            headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({
              clientId: flag.clientId,
              id: flag.id,
              locale: flag.locale,
              version: flag.version,
              reason: flag.reason,
              comment: flag.comment,
            }),
            timeoutMs: this.deps.requestTimeoutMs ?? 15_000,
            maxBytes: MAX_ANSWER_BYTES,
            timers: this.deps.timers ?? realTimers,
          });
          FlagResultSchema.parse(JSON.parse(text));
          await this.deps.outbox.sent(flag.clientId);
        } catch (error) {
          const transient = isTransient(error);
          await this.deps.outbox.failed(flag.clientId, messageOf(error), !transient);
          if (!transient) this.deps.log?.(`flags: the server refused a flag on ${flag.id} (${flag.locale}): ${messageOf(error)}`);
          await this.refreshCount();
          if (transient) return; // offline or the server is struggling: the next online sync retries
        }
      }
      await this.refreshCount();
    }
  }

  private async refreshCount(): Promise<void> {
    this.waiting.set(await this.deps.outbox.countWaiting());
  }
}
