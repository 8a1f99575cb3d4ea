/**
 * Opt-in `Server-Timing` (`npm run server -- --server-timing`; off by default, since timings tell
 * an outsider more than it needs): the time a request spent in each phase of the server, for
 * `bench:answers` to say where the time goes. Phases end in order: `auth` when the onRequest
 * hooks are done, then whatever the handler marks (`validation` when it starts, the answers'
 * `search` and `bodies`), and `serialisation` when the reply is about to be written.
 */
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every request when the server was started with `serverTiming`; null otherwise. */
    timing: PhaseTimer | null;
  }
}

export class PhaseTimer {
  private last = performance.now();
  private readonly phases: string[] = [];

  /** Adds a fact without a duration (`rank;desc="hit"`): `value` is a word, never user text. */
  note(name: string, value: string): void {
    this.phases.push(`${name};desc="${value}"`);
  }

  /** Ends the phase named `name` now (it began when the previous one ended). */
  mark(name: string): void {
    const now = performance.now();
    this.phases.push(`${name};dur=${(now - this.last).toFixed(3)}`);
    this.last = now;
  }

  header(): string {
    return this.phases.join(', ');
  }
}

/** Installs the timer; must run before the auth hook so `auth` includes it. */
export function installServerTiming(app: FastifyInstance, enabled: boolean): void {
  app.decorateRequest('timing', null);
  if (!enabled) return;
  app.addHook('onRequest', async (request) => {
    request.timing = new PhaseTimer();
  });
  app.addHook('preParsing', async (request) => {
    request.timing?.mark('auth');
  });
  app.addHook('onSend', async (request, reply) => {
    if (!request.timing) return;
    request.timing.mark('serialisation');
    reply.header('server-timing', request.timing.header());
  });
}
