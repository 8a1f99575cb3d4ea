/**
 * Checks a page from `/v1/changes` before anything of it touches the local DB. The server's
 * log is gapless (see common/sync-protocol.ts), so a page must start right after the cursor
 * and count up by one. A page that fails any check is refused whole.
 */
import { ChangesPageSchema, describeZodError, type ChangesPage } from '../../common/sync-protocol';

export class PageError extends Error {}

/** The page comes from another change log than the client's position (a restored or replaced server). */
export class EpochChangedError extends PageError {
  constructor(readonly epoch: string) {
    super(`the server's change log is not the one this client synced from (it was reset or replaced)`);
  }
}

export interface PageContext {
  /** The cursor the page was asked for. */
  after: number;
  /** The epoch this client synced from, or null if it never synced. */
  epoch: string | null;
}

export function verifyPage(raw: unknown, context: PageContext): ChangesPage {
  const parsed = ChangesPageSchema.safeParse(raw);
  if (!parsed.success) throw new PageError(`malformed page from the server: ${describeZodError(parsed.error)}`);
  const page = parsed.data;
  const { after } = context;
  if (page.after !== after) throw new PageError(`the server answered for cursor ${page.after}, not ${after}`);
  if (context.epoch !== null && after > 0 && page.epoch !== context.epoch) {
    throw new EpochChangedError(page.epoch);
  }
  if (page.latestSeq < after) {
    throw new PageError(
      `the server reports ${page.latestSeq} changes but this client already has ${after}: its log was reset; ` +
        `local data kept, sync stopped (Settings → Resync from scratch replaces it with the server's)`,
    );
  }
  let expected = after + 1;
  for (const [i, item] of page.items.entries()) {
    if (item.seq !== expected) {
      throw new PageError(`sequence gap: items.${i} has seq ${item.seq}, expected ${expected}`);
    }
    if (item.op === 'upsert' && (item.entry.id !== item.id || item.entry.locale !== item.locale)) {
      throw new PageError(`malformed page from the server: items.${i}.entry does not match its id/locale`);
    }
    expected += 1;
  }
  const last = page.items.length > 0 ? expected - 1 : after;
  if (page.nextCursor !== last) throw new PageError(`malformed page: nextCursor ${page.nextCursor}, expected ${last}`);
  if (page.latestSeq < last) throw new PageError(`malformed page: latestSeq ${page.latestSeq} is below its own items`);
  if (page.items.length === 0 && (page.hasMore || page.latestSeq > after)) {
    throw new PageError(`sequence gap: the server has changes up to ${page.latestSeq} but sent none after ${after}`);
  }
  return page;
}
