import { describe, expect, it } from 'vitest';
import { reviewBadgeText, reviewBadges, reviewFieldsOf, type ReviewFields } from '../../../common/review-badges';
import { entry } from '../search/helpers';

const now = new Date('2026-06-01T12:00:00.000Z');
const base: ReviewFields = {
  approvedBy: 'bo',
  approvedAt: '2026-03-02T09:00:00.000Z',
  reviewState: 'approved',
  verificationDueAt: '2026-06-01T12:00:00.001Z',
  staleTranslation: false,
  sourceLocale: 'en',
  signedBy: ['bo'],
};
const day = (iso: string) => iso.slice(0, 10);

describe('review badges', () => {
  it('an approved, verified, current entry shows who approved it and when', () => {
    const badges = reviewBadges(base, now);
    expect(badges).toEqual([{ kind: 'approved', by: 'bo', at: '2026-03-02T09:00:00.000Z' }]);
    expect(badges.map((b) => reviewBadgeText(b, day))).toEqual(['Approved by bo on 2026-03-02']);
  });

  it('says *unsigned* when no org root key vouches for the approvers, and names two signers', () => {
    expect(reviewBadges({ ...base, signedBy: null }, now).map((b) => reviewBadgeText(b, day))).toEqual(['Unsigned']);
    expect(reviewBadges({ ...base, signedBy: ['ana', 'bo'] }, now).map((b) => reviewBadgeText(b, day))).toEqual(['Approved by ana and bo on 2026-03-02']);
  });

  it('adds *needs review* from the verification due date on, and *translation may be out of date* on a stale variant', () => {
    const badges = reviewBadges({ ...base, verificationDueAt: now.toISOString(), staleTranslation: true }, now);
    expect(badges.map((b) => reviewBadgeText(b, day))).toEqual([
      'Approved by bo on 2026-03-02',
      'Needs review',
      'Translation may be out of date',
    ]);
    expect(badges[2]).toEqual({ kind: 'stale_translation', sourceLocale: 'en' });
  });

  it('keeps the older needs_review state, and reads entries synced from a server without review metadata', () => {
    const old = reviewFieldsOf(entry({ id: 'x', title: 'X', reviewState: 'needs_review', approvedBy: null, approvedAt: null }));
    expect(old).toEqual({ approvedBy: null, approvedAt: null, reviewState: 'needs_review', verificationDueAt: null, staleTranslation: false, sourceLocale: null, signedBy: null });
    expect(reviewBadges(old, now).map((b) => reviewBadgeText(b, day))).toEqual(['Needs review']);
  });
});
