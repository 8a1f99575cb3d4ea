import type { QueueItem } from '../../../common/review-protocol';

const REASONS: Array<{ reason: QueueItem['reason']; heading: string }> = [
  { reason: 'in_review', heading: 'In review' },
  { reason: 'flagged', heading: 'Flagged by agents' },
  { reason: 'verification_due', heading: 'Verification due' },
  { reason: 'stale_translation', heading: 'Stale translations' },
  { reason: 'signature_invalid', heading: 'Signatures agents refuse' },
];

/** The leads' queue from the server, one list per reason; each item opens its entry. */
export function QueueView({ items, onOpen }: { items: QueueItem[]; onOpen: (item: QueueItem) => void }) {
  return (
    <section className="queue" aria-label="Review queue">
      {REASONS.map(({ reason, heading }) => {
        const mine = items.filter((i) => i.reason === reason);
        return (
          <section key={reason} aria-label={heading}>
            <h2 className="section-heading">
              {heading} ({mine.length})
            </h2>
            {mine.length === 0 ? (
              <p className="muted">Nothing here.</p>
            ) : (
              <ul className="queue-list">
                {mine.map((item) => (
                  <li key={`${item.id}/${item.locale}/${item.reason}/${item.version}`}>
                    <button type="button" onClick={() => onOpen(item)}>
                      {item.title || item.id} ({item.locale}) · version {item.version}
                      {item.reason === 'in_review' ? ` · by ${item.author}` : ''}
                      {item.reason === 'flagged' ? ` · ${item.flagReason}: “${item.comment}”` : ''}
                      {item.reason === 'signature_invalid' ? ` · ${item.problem}` : ''}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </section>
  );
}
