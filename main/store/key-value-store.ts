/** JSON values by key in one table (settings, meta). Reads are direct; writes are queued. */
import type { EntitySchema } from 'typeorm';
import type { Database } from './database';

export class KeyValueStore {
  constructor(
    private readonly db: Database,
    private readonly entity: EntitySchema<{ key: string; value: string }>,
  ) {}

  async get(key: string): Promise<unknown> {
    const row = await this.db.reader.getRepository(this.entity).findOneBy({ key });
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined; // A hand-edited or damaged value reads as unset; callers validate anyway.
    }
  }

  async getAll(): Promise<Map<string, unknown>> {
    const rows = await this.db.reader.getRepository(this.entity).find();
    const out = new Map<string, unknown>();
    for (const row of rows) {
      try {
        out.set(row.key, JSON.parse(row.value) as unknown);
      } catch {
        // skip unreadable values, see get()
      }
    }
    return out;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.setMany({ [key]: value });
  }

  async setMany(values: Record<string, unknown>): Promise<void> {
    await this.db.write(async (tx) => {
      for (const [key, value] of Object.entries(values)) {
        await tx.getRepository(this.entity).save({ key, value: JSON.stringify(value) });
      }
    });
  }
}
