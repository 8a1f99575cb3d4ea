import { useEffect, useRef } from 'react';
import type { SearchHit } from '../../../common/ipc-contract';
import { useEntry } from '../hooks/useEntry';
import { describeError } from '../api';
import { safeLinkTarget } from '../../../common/safe-link';
import { KindBadge, LocaleBadge, ReviewBadge } from './Badges';
import { RichContent } from './RichContent';
import { ReviewActions } from './ReviewActions';
import { shortDate } from '../lib/time';

interface Props {
  hit: SearchHit;
  onOpenLink: (url: string) => void;
  onCopy: () => void;
  onFlag: () => void;
  onShowSource: () => void;
}

/** An article, read inside the overlay; Tab walks its links, Esc goes back to the results. */
export function Reader({ hit, onOpenLink, onCopy, onFlag, onShowSource }: Props) {
  const state = useEntry(hit);
  const bodyRef = useRef<HTMLDivElement>(null);
  const entry = state.status === 'loaded' ? state.entry : null;

  useEffect(() => {
    if (entry) bodyRef.current?.querySelector<HTMLElement>('.reader-body')?.focus({ preventScroll: true });
  }, [entry]);

  const source = entry?.urlOrPath ? safeLinkTarget(entry.urlOrPath) : null;
  return (
    <article className="reader" aria-labelledby="cuecard-reader-title" ref={bodyRef}>
      <header className="reader-head">
        <h2 id="cuecard-reader-title" className="view-title">
          {entry?.title ?? hit.title}
        </h2>
        <div className="preview-meta">
          <KindBadge kind={hit.kind} />
          <LocaleBadge locale={hit.locale} fallback={hit.fallback} />
          <ReviewBadge entry={entry ?? hit} />
          {entry && <span className="muted">Updated {shortDate(entry.updatedAt)}</span>}
        </div>
        <div className="actions">
          <button type="button" onClick={onCopy}>
            Copy
          </button>
          {source && (
            <button type="button" onClick={() => onOpenLink(source)}>
              Open original
            </button>
          )}
          <ReviewActions hit={hit} onFlag={onFlag} onShowSource={onShowSource} />
        </div>
      </header>
      {state.status === 'loading' && <p className="muted">Loading…</p>}
      {state.status === 'failed' && (
        <p className="error" role="alert">
          Could not open this article: {describeError(state.error)}
        </p>
      )}
      {entry && <RichContent className="reader-body" markdown={entry.body} onOpenLink={onOpenLink} tabIndex={0} label="Article text" />}
    </article>
  );
}
