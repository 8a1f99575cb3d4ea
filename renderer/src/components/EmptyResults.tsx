import { primaryKeyLabel } from '../lib/platform';

/** Says plainly that nothing matched and what the agent can try next. */
export function EmptyResults({ query, recent }: { query: string; recent: boolean }) {
  if (recent) {
    return (
      <div className="empty">
        <p className="empty-title">Start typing to search replies and articles.</p>
        <p>Entries you use will show up here for quick access.</p>
      </div>
    );
  }
  return (
    <div className="empty">
      <p className="empty-title">No results for “{query}”.</p>
      <ul className="empty-tips">
        <li>Use fewer or more general words.</li>
        <li>Check the spelling.</li>
        <li>
          Try another language: switch the reply language with <kbd>Alt</kbd>+<kbd>L</kbd>.
        </li>
        <li>
          Check the knowledge base settings with <kbd>{primaryKeyLabel}</kbd>+<kbd>,</kbd>.
        </li>
      </ul>
    </div>
  );
}
