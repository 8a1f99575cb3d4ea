/** Bearer tokens. Only a SHA-256 of each is stored: tokens are 256 random bits, so no salt/KDF is needed. */
import { createHash, randomBytes } from 'node:crypto';
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
 */
export const AUTH_REFRESH_AFTER_MS = AUTH_CACHE_MS / 2;
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
        if (age >= AUTH_REFRESH_AFTER_MS) this.lookup(hash).catch(() => undefined); // the next request sees the outcome
        return cached.caller;
      }
    }
    return this.lookup(hash);
  }

  private forget(): void {
    this.generation++;
    this.cache.clear();
    this.reading.clear();
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
    const role = row ? RoleSchema.safeParse(row.role) : null;
    const caller = row && role?.success ? { name: row.name, role: role.data, tags: tagsOf(role.data, row.tags) } : null;
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
