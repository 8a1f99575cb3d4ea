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
    await this.db.transaction(async (sql) => {
      const existing = await sql.rows('SELECT name FROM tokens WHERE name = ?', [name]);
      if (existing.length > 0) throw new TokenExistsError(`a token named "${name}" already exists; revoke it first`);
      await sql.exec('INSERT INTO tokens (name, token_hash, role, created_at) VALUES (?, ?, ?, ?)', [
        name,
        hashToken(token),
        role,
        this.now().toISOString(),
      ]);
    });
    return token;
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db.rows<{ name: string; role: string; created_at: string }>(
      'SELECT name, role, created_at FROM tokens ORDER BY name',
    );
    return rows.map((r) => ({ name: r.name, role: RoleSchema.parse(r.role), createdAt: r.created_at }));
  }

  async revoke(name: string): Promise<boolean> {
    this.cache.clear();
    const removed = (await this.db.exec('DELETE FROM tokens WHERE name = ?', [name])) > 0;
    this.cache.clear();
    return removed;
  }

  async authenticate(token: string): Promise<{ name: string; role: Role } | null> {
    const hash = hashToken(token);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.caller;
    const rows = await this.db.rows<{ name: string; role: string }>('SELECT name, role FROM tokens WHERE token_hash = ?', [hash]);
    const row = rows[0];
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
