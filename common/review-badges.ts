/**
 * What an agent is told about an entry's review status, from the synced data alone (no network):
 * who approved it and when (*unsigned* unless an org root key vouches for the approvers), whether its verification is due (*needs review*), and whether it is a
 * translation older than its source (*translation may be out of date*). Free of zod, so the
 * renderer may import it.
 */
import { assertNever } from './assert-never';
import type { KnowledgeEntry } from './knowledge';
import { isVerificationDue } from './workflow-rules';

/** The review fields the overlay's result rows and preview carry. */
export interface ReviewFields {
  approvedBy: string | null;
  approvedAt: string | null;
  reviewState: KnowledgeEntry['reviewState'];
  verificationDueAt: string | null;
  staleTranslation: boolean;
  sourceLocale: string | null;
  /**
   * Signed knowledge (issue #15): the approvers whose signatures the org key list vouches for, by
   * their names in that list; null when no org root key is pinned (shown as *unsigned*).
   */
  signedBy: string[] | null;
}

/** The one place a stored entry's review fields are picked for a hit or a view. */
export function reviewFieldsOf(entry: KnowledgeEntry, signedBy: string[] | null = null): ReviewFields {
  return {
    approvedBy: entry.approvedBy,
    approvedAt: entry.approvedAt,
    reviewState: entry.reviewState,
    verificationDueAt: entry.verificationDueAt ?? null,
    staleTranslation: entry.staleTranslation ?? false,
    sourceLocale: entry.sourceLocale ?? null,
    signedBy,
  };
}

export type ReviewBadgeView =
  | { kind: 'approved'; by: string | null; at: string | null }
  /** Approved as far as the server says, but no org root key is pinned to verify it. */
  | { kind: 'unsigned' }
  | { kind: 'needs_review'; dueAt: string | null }
  | { kind: 'stale_translation'; sourceLocale: string | null };

/** Badges in the order they are shown: approval, then what the agent should be careful about. */
export function reviewBadges(fields: ReviewFields, now: Date): ReviewBadgeView[] {
  const badges: ReviewBadgeView[] = [];
  if (fields.reviewState === 'approved') {
    badges.push(fields.signedBy === null ? { kind: 'unsigned' } : { kind: 'approved', by: fields.signedBy.join(' and ') || null, at: fields.approvedAt });
  }
  if (fields.reviewState === 'needs_review' || isVerificationDue(fields.verificationDueAt, now)) {
    badges.push({ kind: 'needs_review', dueAt: fields.verificationDueAt });
  }
  if (fields.staleTranslation) badges.push({ kind: 'stale_translation', sourceLocale: fields.sourceLocale });
  return badges;
}

/** The words a badge shows and a screen reader reads; `formatDate` is the caller's locale formatting. */
export function reviewBadgeText(badge: ReviewBadgeView, formatDate: (iso: string) => string): string {
  switch (badge.kind) {
    case 'approved':
      return `Approved${badge.by ? ` by ${badge.by}` : ''}${badge.at ? ` on ${formatDate(badge.at)}` : ''}`;
    case 'unsigned':
      return 'Unsigned';
    case 'needs_review':
      return 'Needs review';
    case 'stale_translation':
      return 'Translation may be out of date';
    default:
      return assertNever(badge);
  }
}
