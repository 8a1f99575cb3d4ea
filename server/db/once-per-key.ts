/**
 * A request an agent may send again after a lost answer (a flag, a signal batch) carries its own
 * key. In one transaction: when `earlier` finds the key, the request is answered as it was then,
 * marked `duplicate`, and nothing changes; otherwise `work` runs and its answer is marked new.
 */
import type { EntityManager } from 'typeorm';
import type { ServerDb } from './server-db';

/** An answer to such a request: what it answers, and whether the key had been seen before. */
export type KeyedAnswer<T> = T & { duplicate: boolean };

export function oncePerKey<T extends object>(
  db: ServerDb,
  earlier: (m: EntityManager) => Promise<T | null>,
  work: (m: EntityManager) => Promise<T>,
): Promise<KeyedAnswer<T>> {
  return db.transaction(async (m) => {
    const answered = await earlier(m);
    if (answered) return { ...answered, duplicate: true };
    return { ...(await work(m)), duplicate: false };
  });
}
