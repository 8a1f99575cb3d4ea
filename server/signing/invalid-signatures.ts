/**
 * Live versions whose signatures no longer make them acceptable under the current org key list
 * (a key revoked back to before the approval, a key dropped): what leads must re-approve. Judged by
 * the keys' standing only (common/signing/verify-entry.ts): the server cannot check signatures.
 */
import type { EntityManager } from 'typeorm';
import type { QueueItem } from '../../common/review-protocol';
import { approversNeeded, keysById, keyStanding, REFUSAL_TEXT } from '../../common/signing/verify-entry';
import type { VersionRow } from '../review/review-entities';
import { signaturesOf, versionKey, type SigningService } from './signing-service';

export async function invalidSignatureItems(
  m: EntityManager,
  signing: SigningService,
  live: readonly VersionRow[],
  ownerOf: (row: VersionRow) => string,
  limit: number,
): Promise<QueueItem[]> {
  const list = await signing.currentList(m);
  if (!list || live.length === 0) return [];
  const byKey = keysById(list.list);
  const signatures = await signaturesOf(m, live);
  const items: QueueItem[] = [];
  for (const row of live) {
    const signed = signatures.get(versionKey(row));
    if (!signed || items.length >= limit) continue; // never signed: nothing became invalid
    const standings = signed.map((s) => keyStanding(s, byKey));
    const approvers = new Set(standings.flatMap((s) => (s.ok ? [s.name] : [])));
    if (approvers.size >= approversNeeded({ kind: row.kind, tags: JSON.parse(row.tags) as string[] }, list.list)) continue;
    const failed = standings.find((s) => !s.ok);
    const problem = failed && !failed.ok ? REFUSAL_TEXT[failed.reason] : REFUSAL_TEXT.second_approver_missing;
    items.push({ reason: 'signature_invalid', id: row.id, locale: row.locale, title: row.title, owner: ownerOf(row), version: row.version, problem });
  }
  return items;
}
