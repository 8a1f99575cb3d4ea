import { memo } from 'react';
import type { SearchHit } from '../../../common/ipc-contract';
import { useEntry } from '../hooks/useEntry';
import { describeError } from '../api';
import { KindBadge, LocaleBadge, ReviewBadge } from './Badges';
import { RichContent } from './RichContent';
import { ReviewActions } from './ReviewActions';

/** Long enough to span the gap between keystrokes of a typing agent, short enough to feel instant. */
const PREVIEW_DELAY_MS = 90;

interface Props {
  hit: SearchHit | null;
  onOpenLink: (url: string) => void;
  onFlag: (hit: SearchHit) => void;
  onShowSource: (hit: SearchHit) => void;
}

/**
 * The selected result in full, beside the list, so the agent can check it before using it.
 * Memoised (with stable callbacks from SearchView): a keystroke redraws it only when the selected
 * hit changes.
 */
export const Preview = memo(function Preview({ hit, onOpenLink, onFlag, onShowSource }: Props) {
  const state = useEntry(hit, PREVIEW_DELAY_MS);
  if (!hit) return <aside className="preview preview-empty" aria-label="Preview" />;
  const entry = state.status === 'loaded' && state.entry.id === hit.id && state.entry.locale === hit.locale ? state.entry : null;
  return (
    <aside className="preview" aria-label="Preview" aria-busy={state.status === 'loading'}>
      <header className="preview-head">
        <h2 className="preview-title">{hit.title}</h2>
        <div className="preview-meta">
          <KindBadge kind={hit.kind} />
          <LocaleBadge locale={hit.locale} fallback={hit.fallback} />
          <ReviewBadge entry={entry ?? hit} />
        </div>
      </header>
      {state.status === 'failed' && (
        <p className="error" role="alert">
          Could not load this entry: {describeError(state.error)}
        </p>
      )}
      {entry?.templateError && (
        <p className="error" role="alert">
          This template has an error: {entry.templateError}
        </p>
      )}
      {entry && entry.preview === null && !entry.templateError && (
        <RichContent className="preview-body" markdown={entry.body} onOpenLink={onOpenLink} />
      )}
      {entry?.preview &&
        (entry.preview.html !== null ? (
          <RichContent className="preview-body" html={entry.preview.html} onOpenLink={onOpenLink} />
        ) : (
          <pre className="preview-body reply-text">{entry.preview.text}</pre>
        ))}
      <div className="actions review-actions">
        <ReviewActions hit={hit} onFlag={() => onFlag(hit)} onShowSource={() => onShowSource(hit)} />
      </div>
      {entry && entry.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {entry.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
    </aside>
  );
});
