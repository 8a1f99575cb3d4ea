import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import type { SearchHit } from '../../../common/ipc-contract';
import { Highlighted } from './Highlighted';
import { KindBadge, LocaleBadge, ReviewBadge } from './Badges';

export const LISTBOX_ID = 'cuecard-results';
export function optionId(index: number): string {
  return `cuecard-result-${index}`;
}

interface Props {
  hits: SearchHit[];
  query: string;
  selected: number;
  onSelect: (index: number) => void;
  onActivate: (index: number) => void;
  label: string;
}

/** The listbox half of the search combobox; focus stays in the field, options never take it. */
export const ResultList = memo(function ResultList({ hits, query, selected, onSelect, onActivate, label }: Props) {
  const listRef = useRef<HTMLUListElement>(null);

  // Marks the commit and the first frame that shows these results; the overlay benchmark reads them.
  useLayoutEffect(() => {
    performance.mark('cuecard:results-committed', { detail: { query } });
    const frame = requestAnimationFrame(() => {
      performance.mark('cuecard:results-painted', { detail: { query, count: hits.length } });
    });
    return () => cancelAnimationFrame(frame);
  }, [hits, query]);

  useEffect(() => {
    const option = listRef.current?.querySelector(`#${optionId(selected)}`);
    option?.scrollIntoView({ block: 'nearest' });
  }, [selected, hits]);

  return (
    <ul ref={listRef} id={LISTBOX_ID} role="listbox" aria-label={label} className="results" data-query={query}>
      {hits.map((hit, index) => (
        <li
          key={`${hit.locale}/${hit.id}`}
          id={optionId(index)}
          role="option"
          aria-selected={index === selected}
          className="result"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onSelect(index)}
          onDoubleClick={() => onActivate(index)}
        >
          <div className="result-head">
            <KindBadge kind={hit.kind} />
            <span className="result-title">
              <Highlighted text={hit.title} ranges={hit.titleHighlights} />
            </span>
          </div>
          {hit.snippet && (
            <div className="result-snippet">
              <Highlighted text={hit.snippet} ranges={hit.snippetHighlights} />
            </div>
          )}
          <div className="result-meta">
            <LocaleBadge locale={hit.locale} fallback={hit.fallback} />
            <ReviewBadge entry={hit} />
          </div>
        </li>
      ))}
    </ul>
  );
});
