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

export class TokenStore {
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
    return (await this.db.exec('DELETE FROM tokens WHERE name = ?', [name])) > 0;
  }

  async authenticate(token: string): Promise<{ name: string; role: Role } | null> {
    const rows = await this.db.rows<{ name: string; role: string }>('SELECT name, role FROM tokens WHERE token_hash = ?', [
      hashToken(token),
    ]);
    const row = rows[0];
    if (!row) return null;
    const role = RoleSchema.safeParse(row.role);
    return role.success ? { name: row.name, role: role.data } : null;
  }
}
