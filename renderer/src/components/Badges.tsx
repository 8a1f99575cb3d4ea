import type { SearchHit } from '../../../common/ipc-contract';
import { assertNever } from '../../../common/assert-never';
import { reviewBadgeText, reviewBadges, type ReviewBadgeView, type ReviewFields } from '../../../common/review-badges';
import { shortDate } from '../lib/time';

type Reviewable = Pick<SearchHit, keyof ReviewFields>;

function badgeClass(badge: ReviewBadgeView): string {
  switch (badge.kind) {
    case 'approved':
      return 'badge badge-approved';
    case 'unsigned':
      return 'badge badge-unsigned';
    case 'needs_review':
      return 'badge badge-review';
    case 'stale_translation':
      return 'badge badge-stale';
    default:
      return assertNever(badge);
  }
}

/**
 * "Approved by Dana on 3 Mar 2026" (verified signatures) or "Unsigned", "Needs review", "Translation may be out of date": agents must
 * see which answers are vetted and current. Plain text inside the option and the preview, so a
 * screen reader reads it with the title; the group is labelled so it is announced as one.
 */
export function ReviewBadge({ entry }: { entry: Reviewable }) {
  const badges = reviewBadges(entry, new Date());
  const texts = badges.map((badge) => reviewBadgeText(badge, shortDate));
  return (
    <span className="review-badges" role="group" aria-label={`Review status: ${texts.join(', ')}`}>
      {badges.map((badge, i) => (
        <span key={badge.kind} className={badgeClass(badge)} title={texts[i]}>
          {texts[i]}
        </span>
      ))}
    </span>
  );
}

export function KindBadge({ kind }: { kind: SearchHit['kind'] }) {
  return <span className={`kind kind-${kind}`}>{kind === 'template' ? 'Template' : 'Article'}</span>;
}

export function LocaleBadge({ locale, fallback }: { locale: string; fallback: boolean }) {
  return (
    <span className={fallback ? 'badge badge-fallback' : 'badge badge-locale'} title={fallback ? `Not available in your reply language; shown in ${locale}` : undefined}>
      {locale}
      {fallback ? ' · fallback' : ''}
    </span>
  );
}
