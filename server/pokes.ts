/**
 * Who tells SSE clients that the log moved. On SQLite there is one server process, so the
 * write path pokes in-process after commit. On PostgreSQL several instances share the log:
 * each write NOTIFYs inside its transaction (delivered on commit only) and every instance
 * LISTENs and pokes its own clients, including the instance that wrote.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import type { CommitHook } from './db/knowledge-repo';
import { rawRows } from './db/raw-sql';
import type { Logger } from './logger';

export interface PokeHub {
  subscribe(listener: (seq: number) => void): () => void;
  /** Runs inside the write transaction. */
  readonly inTransaction: CommitHook;
  /** Runs after the write committed. */
  afterCommit(latestSeq: number): void;
  /** The synonym set got `version` (issue #18): told to every instance's clients, like a change. */
  subscribeSynonyms(listener: (version: number) => void): () => void;
  /** Runs inside the synonym decision's transaction (PostgreSQL: NOTIFY, delivered on commit). */
  synonymsInTransaction(manager: EntityManager, version: number): Promise<void>;
  /** Runs after the synonym decision committed. */
  synonymsAfterCommit(version: number): void;
  /** A new signed org key list, `version` (issue #15): told to every instance's clients, like the synonyms. */
  subscribeKeyList(listener: (version: number) => void): () => void;
  keyListInTransaction(manager: EntityManager, version: number): Promise<void>;
  keyListAfterCommit(version: number): void;
  close(): Promise<void>;
}

/** The NOTIFY payload of a synonym set's or key list's new version (a change's payload is its bare seq). */
const VERSION_PAYLOAD = /^(synonyms|keylist):(\d{1,15})$/;

type Topic = 'seq' | 'synonyms' | 'keylist';

class Fanout {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0); // one listener per SSE client
  }
  subscribe(listener: (seq: number) => void, topic: Topic = 'seq'): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }
  emit(seq: number, topic: Topic = 'seq'): void {
    this.emitter.emit(topic, seq);
  }
}

export class LocalPokeHub implements PokeHub {
  private readonly fanout = new Fanout();
  readonly inTransaction: CommitHook = async () => undefined;
  subscribe(listener: (seq: number) => void): () => void {
    return this.fanout.subscribe(listener);
  }
  afterCommit(latestSeq: number): void {
    this.fanout.emit(latestSeq);
  }
  subscribeSynonyms(listener: (version: number) => void): () => void {
    return this.fanout.subscribe(listener, 'synonyms');
  }
  async synonymsInTransaction(): Promise<void> {}
  synonymsAfterCommit(version: number): void {
    this.fanout.emit(version, 'synonyms');
  }
  subscribeKeyList(listener: (version: number) => void): () => void {
    return this.fanout.subscribe(listener, 'keylist');
  }
  async keyListInTransaction(): Promise<void> {}
  keyListAfterCommit(version: number): void {
    this.fanout.emit(version, 'keylist');
  }
  async close(): Promise<void> {}
}

export const DEFAULT_CHANNEL = 'cuecard_changes';

/** What an instance reads after its LISTEN connection was lost, to tell its clients what they may have missed. */
export interface MissedState {
  latestSeq: number;
  /** The latest key list's version (0 before the first). */
  keyListVersion: number;
}

export class PostgresPokeHub implements PokeHub {
  private readonly fanout = new Fanout();
  private client: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  /** The newest key-list version this instance announced (a list uploaded while LISTEN was down is announced on reconnect). */
  private keyListVersion = 0;

  readonly inTransaction: CommitHook = async (manager, latestSeq) => {
    await rawRows(manager, 'SELECT pg_notify(:channel, :payload)', { channel: this.channel, payload: String(latestSeq) });
  };

  private constructor(
    private readonly url: string,
    private readonly channel: string,
    /** After a lost connection NOTIFYs may have been missed: poke with the current seq and key-list version. */
    private readonly missed: () => Promise<MissedState>,
    private readonly log: Logger,
  ) {}

  static async start(url: string, channel: string, missed: () => Promise<MissedState>, log: Logger): Promise<PostgresPokeHub> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid NOTIFY channel name "${channel}"`);
    const hub = new PostgresPokeHub(url, channel, missed, log);
    await hub.connect();
    try {
      // Read after LISTEN: a list uploaded in between is announced by its NOTIFY, or found here.
      hub.keyListVersion = Math.max(hub.keyListVersion, (await missed()).keyListVersion);
    } catch (error) {
      await hub.close();
      throw error;
    }
    return hub;
  }

  subscribe(listener: (seq: number) => void): () => void {
    return this.fanout.subscribe(listener);
  }

  afterCommit(): void {
    // The LISTEN connection delivers our own NOTIFY too.
  }

  subscribeSynonyms(listener: (version: number) => void): () => void {
    return this.fanout.subscribe(listener, 'synonyms');
  }

  async synonymsInTransaction(manager: EntityManager, version: number): Promise<void> {
    await rawRows(manager, 'SELECT pg_notify(:channel, :payload)', { channel: this.channel, payload: `synonyms:${version}` });
  }

  synonymsAfterCommit(): void {
    // Delivered by the LISTEN connection, as a change is.
  }

  subscribeKeyList(listener: (version: number) => void): () => void {
    return this.fanout.subscribe(listener, 'keylist');
  }

  async keyListInTransaction(manager: EntityManager, version: number): Promise<void> {
    await rawRows(manager, 'SELECT pg_notify(:channel, :payload)', { channel: this.channel, payload: `keylist:${version}` });
  }

  keyListAfterCommit(): void {
    // Delivered by the LISTEN connection, as a change is.
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => {
      const versioned = VERSION_PAYLOAD.exec(msg.payload ?? '');
      if (versioned?.[1] === 'keylist') return this.announceKeyList(Number(versioned[2]));
      if (versioned) return this.fanout.emit(Number(versioned[2]), 'synonyms');
      const seq = Number(msg.payload);
      if (Number.isSafeInteger(seq)) this.fanout.emit(seq);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
    this.attempt = 0;
  }

  /** Each new version once: the NOTIFY and a reconnect's read may both report the same list. */
  private announceKeyList(version: number): void {
    if (version <= this.keyListVersion) return;
    this.keyListVersion = version;
    this.fanout.emit(version, 'keylist');
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.log.warn({ err: error.message }, 'LISTEN connection lost; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = Math.min(30_000, 500 * 2 ** this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.connect()
        .then(() => {
          this.log.info({ channel: this.channel }, 'LISTEN connection restored');
          return this.missed();
        })
        .then((state) => {
          this.fanout.emit(state.latestSeq);
          this.announceKeyList(state.keyListVersion);
        })
        .catch((error: unknown) => {
          this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'LISTEN reconnect failed');
          if (!this.closed) this.scheduleReconnect();
        });
    }, delay);
  }
}
