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

export class TokenStore {
  private readonly cache = new Map<string, { caller: TokenCaller; until: number }>();

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
    this.cache.clear();
    const result = await this.db.transaction((m) => m.getRepository(this.db.entities.Token).delete({ name }));
    this.cache.clear();
    return (result.affected ?? 0) > 0;
  }

  async authenticate(token: string): Promise<TokenCaller | null> {
    const hash = hashToken(token);
    const now = this.now().getTime();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.caller;
    const row = await this.db.read((m) => m.getRepository(this.db.entities.Token).findOneBy({ tokenHash: hash }));
    const role = row ? RoleSchema.safeParse(row.role) : null;
    if (!row || !role?.success) {
      this.cache.delete(hash);
      return null;
    }
    const caller = { name: row.name, role: role.data, tags: tagsOf(role.data, row.tags) };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { caller, until: now + AUTH_CACHE_MS });
    return caller;
  }
}
