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

/** The page item: `{"seq":n,` + the stored item after its opening brace. */
export function pageItemJson(seq: number, item: string): string {
  return `{"seq":${seq},${item.slice(1)}`;
}
