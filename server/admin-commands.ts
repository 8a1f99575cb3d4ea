/**
 * `npm run server -- changes tombstone <seq> …` and `npm run server -- epoch rotate`: repairs an
 * admin makes on the database directly (the server may be running; on PostgreSQL every instance
 * sees them at once, their page caches expire within 2 s).
 */
import { UsageError } from '../common/cli/args';
import { tombstoneChanges } from './db/change-log-admin';
import { rotateEpoch } from './db/epoch';
import type { ServerDb } from './db/server-db';


export async function changesCommand(db: ServerDb, args: readonly string[], out: (line: string) => void): Promise<number> {
  const [action, ...seqArgs] = args;
  if (action !== 'tombstone') throw new UsageError(`unknown changes action "${action ?? ''}" (tombstone)`);
  if (seqArgs.length === 0) throw new UsageError('changes tombstone needs at least one seq');
  const seqs = seqArgs.map((arg) => {
    const seq = Number(arg);
    if (!/^\d+$/.test(arg) || !Number.isSafeInteger(seq) || seq < 1) throw new UsageError(`"${arg}" is not a seq (a positive integer)`);
    return seq;
  });
  const { tombstoned, missing } = await tombstoneChanges(db, seqs);
  for (const seq of tombstoned) out(`tombstoned ${seq}`);
  for (const seq of missing) out(`no change ${seq} in the log`);
  return missing.length > 0 ? 1 : 0;
}

export async function epochCommand(db: ServerDb, args: readonly string[], out: (line: string) => void): Promise<number> {
  if (args[0] !== 'rotate' || args.length > 1) throw new UsageError(`unknown epoch action "${args.join(' ')}" (rotate)`);
  const { epoch, previous } = await rotateEpoch(db);
  out(`epoch ${previous} -> ${epoch}: every client resynchronises from scratch`);
  return 0;
}
