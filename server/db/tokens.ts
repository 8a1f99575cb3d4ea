/** Bearer tokens. Only a SHA-256 of each is stored: tokens are 256 random bits, so no salt/KDF is needed. */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../common/sync-protocol';
import { RoleSchema } from '../../common/sync-protocol';
import type { ServerDb } from './server-db';

export interface TokenInfo {
  name: string;
  role: Role;
  createdAt: string;
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
  private readonly cache = new Map<string, { caller: { name: string; role: Role }; until: number }>();

  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns the token itself: the only time it exists in clear. */
  async create(name: string, role: Role): Promise<string> {
    const token = `cct_${randomBytes(32).toString('base64url')}`;
    await this.db.transaction(async (manager) => {
      const tokens = manager.getRepository(this.db.entities.Token);
      if (await tokens.existsBy({ name })) throw new TokenExistsError(`a token named "${name}" already exists; revoke it first`);
      await tokens.insert({ name, tokenHash: hashToken(token), role, createdAt: this.now().toISOString() });
    });
    return token;
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db.read((m) => m.getRepository(this.db.entities.Token).find({ order: { name: 'ASC' } }));
    return rows.map((r) => ({ name: r.name, role: RoleSchema.parse(r.role), createdAt: r.createdAt }));
  }

  async revoke(name: string): Promise<boolean> {
    this.cache.clear();
    const result = await this.db.transaction((m) => m.getRepository(this.db.entities.Token).delete({ name }));
    this.cache.clear();
    return (result.affected ?? 0) > 0;
  }

  async authenticate(token: string): Promise<{ name: string; role: Role } | null> {
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
    const caller = { name: row.name, role: role.data };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { caller, until: now + AUTH_CACHE_MS });
    return caller;
  }
}
