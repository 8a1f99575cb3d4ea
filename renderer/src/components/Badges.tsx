import type { SearchHit } from '../../../common/ipc-contract';
import { shortDate } from '../lib/time';

type Reviewable = Pick<SearchHit, 'reviewState' | 'approvedBy' | 'approvedAt'>;

/** "Approved by Dana · 3 Mar 2025" or "Needs review": agents must see which answers are vetted. */
export function ReviewBadge({ entry }: { entry: Reviewable }) {
  if (entry.reviewState === 'needs_review') {
    return <span className="badge badge-review">Needs review</span>;
  }
  const who = entry.approvedBy ? ` by ${entry.approvedBy}` : '';
  const when = entry.approvedAt ? ` · ${shortDate(entry.approvedAt)}` : '';
  return (
    <span className="badge badge-approved" title={`Approved${who}${when}`}>
      Approved{who}
      {when}
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
