/**
 * A change-log item as stored (`change_log.item`) and served: built once, at write time, from a
 * single source (the published entry, or the retired key), so a page item's id, locale and entry
 * can never disagree. Pages prepend the seq without parsing (see knowledge-repo.ts).
 */
import { assertNever } from '../../common/assert-never';
import type { RetirementSignature } from '../../common/signing/retirement';

export type ChangeItemSource =
  | { op: 'upsert'; entry: { id: string; locale: string } }
  | { op: 'remove'; id: string; locale: string; retirement?: RetirementSignature }
  | { op: 'tombstone' };

export function changeItemJson(source: ChangeItemSource): string {
  switch (source.op) {
    case 'upsert':
      return JSON.stringify({ op: 'upsert', id: source.entry.id, locale: source.entry.locale, entry: source.entry });
    case 'remove':
      return JSON.stringify({ op: 'remove', id: source.id, locale: source.locale, ...(source.retirement ? { retirement: source.retirement } : {}) });
    case 'tombstone':
      return JSON.stringify({ op: 'tombstone' });
    default:
      return assertNever(source);
  }
}

/**
 * The `/v1/changes` page as UTF-8 bytes: `{"epoch":…,"after":…,"latestSeq":…,"items":[…],
 * "nextCursor":…,"hasMore":…}`, each item `{"seq":n,` + the stored item after its opening brace.
 * Written into one buffer of the exact size, the stored bytes copied as they are: no JS string of
 * the page is ever built, so it is neither encoded again nor measured again when sent.
 */
export function changesPageBytes(page: { epoch: string; after: number; latestSeq: number; rows: ReadonlyArray<{ seq: number; item: Buffer }> }): Buffer {
  const { rows, after, latestSeq } = page;
  const nextCursor = rows.length > 0 ? (rows[rows.length - 1] as { seq: number }).seq : after;
  const head = `{"epoch":${JSON.stringify(page.epoch)},"after":${after},"latestSeq":${latestSeq},"items":[`;
  const tail = `],"nextCursor":${nextCursor},"hasMore":${nextCursor < latestSeq}}`;
  const prefixes = rows.map((r, i) => `${i === 0 ? '' : ','}{"seq":${r.seq},`);
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let i = 0; i < rows.length; i += 1) size += (prefixes[i] as string).length + (rows[i] as { item: Buffer }).item.length - 1;
  const out = Buffer.allocUnsafe(size);
  let at = out.write(head);
  for (let i = 0; i < rows.length; i += 1) {
    at += out.write(prefixes[i] as string, at, 'latin1');
    const item = (rows[i] as { item: Buffer }).item;
    at += item.copy(out, at, 1);
  }
  at += out.write(tail, at);
  if (at !== size) throw new Error(`page bytes ${at} != ${size}`);
  return out;
}
