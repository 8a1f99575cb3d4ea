/**
 * Checks a page from `/v1/changes` before anything of it touches the local DB. The server's
 * log is gapless (see common/sync-protocol.ts), so a page must start right after the cursor
 * and count up by one. A page whose frame fails a check (its fields, an item's seq or op, the
 * sequence) is refused whole: the server is broken and nothing of it can be trusted.
 *
 * One bad entry never stops the others: an item with a valid seq and op whose content breaks
 * the rules (ill-formed Unicode, a missing title, a bad locale…) is SKIPPED AND COUNTED, not
 * applied; the page and the cursor go on past it. A blocked log would stop every agent until
 * the server is repaired; a skipped entry costs one entry, is named in the sync status (see
 * skipped-entries.ts), and comes back as soon as the server sends a valid version of it.
 */
import { z } from 'zod';
import {
  ChangeItemSchema,
  ChangesPageSchema,
  describeZodError,
  MAX_PAGE_SIZE,
  type ChangeItem,
  type ChangesPage,
} from '../../common/sync-protocol';
import { findIllFormedText, illFormedMessage } from '../../common/text/well-formed';

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
  /**
   * The page was parsed from JSON text that cannot hold ill-formed text (jsonMayHoldIllFormedText
   * was false for it): its items' strings need no walk of their own.
   */
  textChecked?: boolean;
}

/** An item the client could not store, and why. Its id and locale are as sent (maybe ill-formed). */
export interface SkippedItem {
  seq: number;
  id: string;
  locale: string;
  reason: string;
}

export type VerifiedPage = ChangesPage & { skipped: SkippedItem[] };

/** Every op the feed has, read from the item schema itself so a new op cannot be missed here. */
const CHANGE_OPS = ChangeItemSchema.options.map((option) => option.shape.op.value);
const ItemFrameSchema = z.object({ seq: z.number().int().positive(), op: z.enum(CHANGE_OPS) }).passthrough();
const PageFrameSchema = ChangesPageSchema.extend({ items: z.array(ItemFrameSchema).max(MAX_PAGE_SIZE) });

/** The item as a ChangeItem, or why it cannot be stored. */
function checkItem(raw: z.infer<typeof ItemFrameSchema>, textChecked: boolean): { item: ChangeItem } | { reason: string } {
  const illFormed = textChecked ? null : findIllFormedText(raw);
  if (illFormed) return { reason: illFormedMessage(illFormed.path.join('.'), illFormed.reason) };
  const parsed = ChangeItemSchema.safeParse(raw);
  if (!parsed.success) return { reason: describeZodError(parsed.error, 2) };
  const item = parsed.data;
  if (item.op === 'upsert' && (item.entry.id !== item.id || item.entry.locale !== item.locale)) {
    return { reason: 'entry does not match its id/locale' };
  }
  return { item };
}

const textOr = (value: unknown, fallback: string) => (typeof value === 'string' ? value.slice(0, 200) : fallback);

export function verifyPage(raw: unknown, context: PageContext): VerifiedPage {
  const parsed = PageFrameSchema.safeParse(raw);
  if (!parsed.success) throw new PageError(`malformed page from the server: ${describeZodError(parsed.error)}`);
  const frame = parsed.data;
  const { after } = context;
  if (frame.after !== after) throw new PageError(`the server answered for cursor ${frame.after}, not ${after}`);
  if (context.epoch !== null && after > 0 && frame.epoch !== context.epoch) {
    throw new EpochChangedError(frame.epoch);
  }
  if (frame.latestSeq < after) {
    throw new PageError(
      `the server reports ${frame.latestSeq} changes but this client already has ${after}: its log was reset; ` +
        `local data kept, sync stopped (Settings → Resync from scratch replaces it with the server's)`,
    );
  }
  let expected = after + 1;
  const items: ChangeItem[] = [];
  const skipped: SkippedItem[] = [];
  for (const [i, rawItem] of frame.items.entries()) {
    if (rawItem.seq !== expected) {
      throw new PageError(`sequence gap: items.${i} has seq ${rawItem.seq}, expected ${expected}`);
    }
    const checked = checkItem(rawItem, context.textChecked === true);
    if ('item' in checked) items.push(checked.item);
    else skipped.push({ seq: rawItem.seq, id: textOr(rawItem.id, '?'), locale: textOr(rawItem.locale, '?'), reason: checked.reason });
    expected += 1;
  }
  const page = { ...frame, items, skipped };
  const last = expected - 1;
  if (page.nextCursor !== last) throw new PageError(`malformed page: nextCursor ${page.nextCursor}, expected ${last}`);
  if (page.latestSeq < last) throw new PageError(`malformed page: latestSeq ${page.latestSeq} is below its own items`);
  if (frame.items.length === 0 && (page.hasMore || page.latestSeq > after)) {
    throw new PageError(`sequence gap: the server has changes up to ${page.latestSeq} but sent none after ${after}`);
  }
  return page;
}
