/**
 * The change-log items the client skipped because their entry breaks the rules (see
 * verify-page.ts), kept in the meta table with the page that skipped them so the sync status
 * keeps naming them until the server sends a valid version (or a removal) of the same entry.
 */
import { z } from 'zod';
import { entryKey } from '../../common/knowledge';
import { printableText } from '../../common/text/well-formed';
import type { SkippedItem, VerifiedPage } from './verify-page';

export const META_SKIPPED = 'sync.skipped';
/** Enough to name the problem; the total counts them all. */
const KEPT = 20;

const SkippedSchema = z.object({
  total: z.number().int().nonnegative(),
  items: z.array(z.object({ seq: z.number(), id: z.string(), locale: z.string(), reason: z.string() })).max(KEPT),
});
export type SkippedState = z.infer<typeof SkippedSchema>;

export const NONE_SKIPPED: SkippedState = { total: 0, items: [] };

export function readSkipped(value: unknown): SkippedState {
  const parsed = SkippedSchema.safeParse(value);
  return parsed.success ? parsed.data : NONE_SKIPPED;
}

/** The state after a page: its valid items clear earlier skips of the same entry; its skips add. */
export function skippedAfter(state: SkippedState, page: VerifiedPage): SkippedState {
  const applied = new Set(page.items.flatMap((item) => (item.op === 'tombstone' ? [] : [entryKey(item.id, item.locale)])));
  const kept = state.items.filter((item) => !applied.has(entryKey(item.id, item.locale)));
  if (kept.length === state.items.length && page.skipped.length === 0) return state; // unchanged: nothing to write
  const fresh: SkippedItem[] = page.skipped.map((item) => ({ ...item, id: printableText(item.id), locale: printableText(item.locale) }));
  const items = [...kept, ...fresh];
  const cleared = state.items.length - kept.length;
  return { total: Math.max(items.length, state.total - cleared + fresh.length), items: items.slice(-KEPT) };
}

/**
 * The state after stored entries were moved aside outside a page (a new org key list refused
 * them, issue #15): they are named like the page's skips, the newest report of an entry replacing
 * an older one; a valid version the server sends later clears them as it clears a skip.
 */
export function skippedWithRefused(state: SkippedState, refused: readonly SkippedItem[]): SkippedState {
  if (refused.length === 0) return state;
  const fresh = new Set(refused.map((item) => entryKey(item.id, item.locale)));
  const kept = state.items.filter((item) => !fresh.has(entryKey(item.id, item.locale)));
  const items = [...kept, ...refused.map((item) => ({ ...item, id: printableText(item.id), locale: printableText(item.locale) }))];
  return { total: Math.max(items.length, state.total - (state.items.length - kept.length) + refused.length), items: items.slice(-KEPT) };
}

/** The sentence for the sync status, or null when nothing is skipped. */
export function describeSkipped(state: SkippedState): string | null {
  const first = state.items[0];
  if (state.total === 0 || !first) return null;
  const what = state.total === 1 ? '1 entry' : `${state.total} entries`;
  return (
    `synced, but skipped ${what} the server sent that this app cannot store ` +
    `(“${first.id}” in ${first.locale}: ${first.reason}); ask the knowledge base admin to fix or retire it`
  );
}
