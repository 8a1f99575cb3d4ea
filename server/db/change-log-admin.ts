/**
 * Repairing a poisoned change log without a new epoch: an admin tombstones the rows clients
 * cannot apply (`npm run server -- changes tombstone <seq> …`). The row keeps its seq (the log
 * stays gapless) and its op/id/locale/version for the record, but is served as
 * `{ seq, op: "tombstone" }`, which clients skip. The entry's current state is untouched:
 * republish it to give agents a correct version.
 */
import { In } from 'typeorm';
import { changeItemJson } from './change-item';
import type { ServerDb } from './server-db';

export async function tombstoneChanges(db: ServerDb, seqs: readonly number[]): Promise<{ tombstoned: number[]; missing: number[] }> {
  const wanted = [...new Set(seqs)].sort((a, b) => a - b);
  return db.transaction(async (manager) => {
    const log = manager.getRepository(db.entities.ChangeLog);
    const found = new Set((await log.find({ select: { seq: true }, where: { seq: In(wanted) } })).map((r) => Number(r.seq)));
    const tombstoned = wanted.filter((s) => found.has(s));
    if (tombstoned.length > 0) await log.update({ seq: In(tombstoned) }, { item: changeItemJson({ op: 'tombstone' }) });
    return { tombstoned, missing: wanted.filter((s) => !found.has(s)) };
  });
}
