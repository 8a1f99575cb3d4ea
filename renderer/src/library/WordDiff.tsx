import { diffWords } from 'diff';
import { useMemo } from 'react';

/** A word-level diff (the `diff` package's diffWords): removed words struck through, added ones underlined. */
export function WordDiff({ before, after, label }: { before: string; after: string; label: string }) {
  const parts = useMemo(() => diffWords(before, after), [before, after]);
  const unchanged = parts.every((p) => !p.added && !p.removed);
  return (
    <div className="word-diff" role="group" aria-label={label}>
      {unchanged ? (
        <p className="muted">No changes.</p>
      ) : (
        <p className="diff-text">
          {parts.map((part, i) =>
            part.added ? (
              <ins key={i}>{part.value}</ins>
            ) : part.removed ? (
              <del key={i}>{part.value}</del>
            ) : (
              <span key={i}>{part.value}</span>
            ),
          )}
        </p>
      )}
    </div>
  );
}
