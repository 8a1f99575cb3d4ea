/** Bearer tokens. Only a SHA-256 of each is stored: tokens are 256 random bits, so no salt/KDF is needed. */
import { createHash, randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import type { Role } from '../../common/sync-protocol';
import { DEFAULT_BOT_TAGS, RoleSchema } from '../../common/sync-protocol';
import type { ServerDb } from './server-db';

export interface TokenInfo {
  name: string;
  role: Role;
  createdAt: string;
  /** A bot's audience: it reads live entries carrying at least one of these; null for other roles. */
  tags: string[] | null;
}

/** Who a token belongs to, as the auth hook attaches it to a request. */
export interface TokenCaller {
  name: string;
  role: Role;
  tags: string[] | null;
}

/** A stored `tags` column read back: bots get DEFAULT_BOT_TAGS when none were given. */
function tagsOf(role: Role, stored: string | null): string[] | null {
  if (role !== 'bot') return null;
  if (stored === null) return [...DEFAULT_BOT_TAGS];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (Array.isArray(parsed) && parsed.every((t) => typeof t === 'string')) return parsed as string[];
  } catch {
    // fall through: an unreadable audience reads nothing rather than everything
  }
  return [];
}

/** The caller a stored token row stands for; null for no row or an unknown role. */
function callerOf(row: { name: string; role: string; tags: string | null } | undefined): TokenCaller | null {
  const role = row ? RoleSchema.safeParse(row.role) : null;
  return row && role?.success ? { name: row.name, role: role.data, tags: tagsOf(role.data, row.tags) } : null;
}

export class TokenExistsError extends Error {}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Known tokens are cached briefly: every request authenticates, and on SQLite each lookup
 * would queue behind writes. A revoke through this process clears the cache at once; one made
 * by another process (the `token revoke` command) takes effect within AUTH_CACHE_MS.
 */
export const AUTH_CACHE_MS = 5000;
/**
 * A token in use is read again in the background once its check is this old, so a busy token
 * never waits for the database when its cache entry runs out. Before this, the 50 tokens of
 * bench:answers, cached at the same moment, ran out together every 5 s: 50 requests queued for
 * 50 serialised reads, and the bench's p95 and max (1.5 s in `auth`) came from those bursts.
 * A fifth of the entry's life leaves the read 4 s to land: on a machine at load 10 the event
 * loop's p99 delay was 0.8 s and a read takes several turns, and at half its life (2.5 s) some
 * entries still ran out before their read landed (requests waited up to 4.6 s in `auth`).
 */
export const AUTH_REFRESH_AFTER_MS = AUTH_CACHE_MS / 5;
/**
 * Tokens due a background refresh are read together, by one statement at a time. One read per
 * token (the 50 bench tokens fall due within a few ms of each other) queued 50 statements behind
 * each other on SQLite's one connection; on a saturated event loop each took several turns of
 * ~30 ms, so the queue outlived the cache's 5 s and requests waited for it in `auth` (up to 2.6 s
 * in bench:answers on a quiet machine).
 */
const REFRESH_BATCH = 500;
/** Cached tokens at most (then the cache starts again; a real server has far fewer). */
const AUTH_CACHE_MAX = 10_000;

interface CachedCaller {
  caller: TokenCaller;
  /** When the read that found it was issued (its staleness counts from there). */
  checkedAt: number;
}

export class TokenStore {
  private readonly cache = new Map<string, CachedCaller>();
  /** Reads under way, by hash: callers asking meanwhile share one (no burst of identical reads). */
  private readonly reading = new Map<string, Promise<TokenCaller | null>>();
  /** Bumped by every revoke: a read begun before it must not cache what it found. */
  private generation = 0;
  /** Cached tokens past AUTH_REFRESH_AFTER_MS, waiting for the next batched refresh. */
  private readonly due = new Set<string>();
  /** Tokens whose refresh is being read (not queued again meanwhile). */
  private readonly refreshingNow = new Set<string>();
  private refreshing = false;

  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns the token itself: the only time it exists in clear. `tags` only for a bot. */
  async create(name: string, role: Role, tags: readonly string[] | null = null): Promise<string> {
    if (tags !== null && role !== 'bot') throw new TypeError('only a bot token has tags');
    const token = `cct_${randomBytes(32).toString('base64url')}`;
    await this.db.transaction(async (manager) => {
      const tokens = manager.getRepository(this.db.entities.Token);
      if (await tokens.existsBy({ name })) throw new TokenExistsError(`a token named "${name}" already exists; revoke it first`);
      await tokens.insert({ name, tokenHash: hashToken(token), role, createdAt: this.now().toISOString(), tags: tags === null ? null : JSON.stringify([...new Set(tags)]) });
    });
    return token;
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db.read((m) => m.getRepository(this.db.entities.Token).find({ order: { name: 'ASC' } }));
    return rows.map((r) => {
      const role = RoleSchema.parse(r.role);
      return { name: r.name, role, createdAt: r.createdAt, tags: tagsOf(role, r.tags) };
    });
  }

  async revoke(name: string): Promise<boolean> {
    this.forget();
    const result = await this.db.transaction((m) => m.getRepository(this.db.entities.Token).delete({ name }));
    this.forget();
    return (result.affected ?? 0) > 0;
  }

  async authenticate(token: string): Promise<TokenCaller | null> {
    const hash = hashToken(token);
    const cached = this.cache.get(hash);
    if (cached) {
      const age = this.now().getTime() - cached.checkedAt;
      if (age < AUTH_CACHE_MS) {
        if (age >= AUTH_REFRESH_AFTER_MS) this.refreshLater(hash); // the next request sees the outcome
        return cached.caller;
      }
    }
    return this.lookup(hash);
  }

  private forget(): void {
    this.generation++;
    this.cache.clear();
    this.reading.clear();
    this.due.clear();
    this.refreshingNow.clear();
  }

  /** Queues a background read of a cached token; one batched read runs at a time. */
  private refreshLater(hash: string): void {
    if (this.refreshingNow.has(hash)) return;
    this.due.add(hash);
    if (this.refreshing) return;
    this.refreshing = true;
    // Started after the current task, so the tokens falling due in it share the read.
    queueMicrotask(() => {
      void this.refreshDue().finally(() => {
        this.refreshing = false;
      });
    });
  }

  private async refreshDue(): Promise<void> {
    while (this.due.size > 0) {
      const hashes = [...this.due].slice(0, REFRESH_BATCH);
      for (const hash of hashes) {
        this.due.delete(hash);
        this.refreshingNow.add(hash);
      }
      const generation = this.generation;
      const checkedAt = this.now().getTime();
      let rows: Array<{ tokenHash: string; name: string; role: string; tags: string | null }>;
      try {
        rows = await this.db.read((m) => m.getRepository(this.db.entities.Token).findBy({ tokenHash: In(hashes) }));
      } catch {
        continue; // the entries stay until they expire; a caller then reads them itself
      } finally {
        for (const hash of hashes) this.refreshingNow.delete(hash);
      }
      if (generation !== this.generation) continue;
      const found = new Map(rows.map((row) => [row.tokenHash, row]));
      for (const hash of hashes) {
        const caller = callerOf(found.get(hash));
        if (!caller) this.cache.delete(hash);
        else if (this.cache.has(hash)) this.cache.set(hash, { caller, checkedAt });
      }
    }
  }

  private lookup(hash: string): Promise<TokenCaller | null> {
    const under = this.reading.get(hash);
    if (under) return under;
    const read = this.read(hash).finally(() => {
      if (this.reading.get(hash) === read) this.reading.delete(hash);
    });
    this.reading.set(hash, read);
    return read;
  }

  private async read(hash: string): Promise<TokenCaller | null> {
    const generation = this.generation;
    const checkedAt = this.now().getTime();
    const row = await this.db.read((m) => m.getRepository(this.db.entities.Token).findOneBy({ tokenHash: hash }));
    const caller = callerOf(row ?? undefined);
    if (generation !== this.generation) return caller;
    if (!caller) {
      this.cache.delete(hash);
      return null;
    }
    if (this.cache.size >= AUTH_CACHE_MAX && !this.cache.has(hash)) this.cache.clear();
    this.cache.set(hash, { caller, checkedAt });
    return caller;
  }
}
