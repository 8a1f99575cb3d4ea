/** How often and how recently this agent used each entry: feeds ranking and the empty-query list. */
import type { UsageRecord } from '../../common/search/usage-boost';
import type { Database } from './database';
import { UsageEntity } from './entities';


export class UsageStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(id: string, locale: string): Promise<UsageRecord> {
    const at = this.now().toISOString();
    return this.db.write(async (tx) => {
      await tx.query(
        `INSERT INTO usage (id, locale, count, last_used_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (id, locale) DO UPDATE SET count = count + 1, last_used_at = excluded.last_used_at`,
        [id, locale, at],
      );
      const row = await tx.getRepository(UsageEntity).findOneByOrFail({ id, locale });
      return { ...row, count: Number(row.count) };
    });
  }

  async all(): Promise<UsageRecord[]> {
    const rows = await this.db.reader.getRepository(UsageEntity).find();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }
}
