/**
 * Flags the agent raised, kept in the local DB until the server has them: raising a flag never
 * needs the network, and a flag survives a restart while offline.
 */
import type { FlagReason } from '../../common/review-protocol';
import type { Database } from '../store/database';

export interface OutboxFlag {
  clientId: string;
  serverUrl: string;
  id: string;
  locale: string;
  version: number;
  reason: FlagReason;
  comment: string;
  createdAt: string;
}

interface OutboxRow {
  client_id: string;
  server_url: string;
  id: string;
  locale: string;
  version: number;
  reason: FlagReason;
  comment: string;
  created_at: string;
}

export class FlagOutbox {
  constructor(private readonly db: Database) {}

  async add(flag: OutboxFlag): Promise<void> {
    await this.db.writeSql((sql) =>
      sql.run(
        `INSERT INTO flag_outbox (client_id, server_url, id, locale, version, reason, comment, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [flag.clientId, flag.serverUrl, flag.id, flag.locale, flag.version, flag.reason, flag.comment, flag.createdAt],
      ),
    );
  }

  /** Waiting flags for one server, oldest first. */
  async waiting(serverUrl: string, limit: number): Promise<OutboxFlag[]> {
    const rows = (await this.db.reader.query(
      `SELECT client_id, server_url, id, locale, version, reason, comment, created_at FROM flag_outbox
       WHERE state = 'waiting' AND server_url = ? ORDER BY created_at, client_id LIMIT ?`,
      [serverUrl, limit],
    )) as OutboxRow[];
    return rows.map((r) => ({
      clientId: r.client_id,
      serverUrl: r.server_url,
      id: r.id,
      locale: r.locale,
      version: Number(r.version),
      reason: r.reason,
      comment: r.comment,
      createdAt: r.created_at,
    }));
  }

  async countWaiting(): Promise<number> {
    const [row] = (await this.db.reader.query(`SELECT COUNT(*) AS n FROM flag_outbox WHERE state = 'waiting'`)) as Array<{ n: number }>;
    return Number(row?.n ?? 0);
  }

  async sent(clientId: string): Promise<void> {
    await this.db.writeSql((sql) => sql.run('DELETE FROM flag_outbox WHERE client_id = ?', [clientId]));
  }

  async failed(clientId: string, error: string, refused: boolean): Promise<void> {
    await this.db.writeSql((sql) =>
      sql.run(
        `UPDATE flag_outbox SET attempts = attempts + 1, last_error = ?, state = ? WHERE client_id = ?`,
        [error.slice(0, 500), refused ? 'refused' : 'waiting', clientId],
      ),
    );
  }
}
