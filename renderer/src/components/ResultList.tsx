import { memo, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
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
  // Rows get stable handlers that call the latest ones (which change with every new list), so a
  // row whose hit shows the same as before is not redrawn.
  const handlers = useRef({ onSelect, onActivate });
  useLayoutEffect(() => {
    handlers.current = { onSelect, onActivate };
  });
  const select = useCallback((index: number) => handlers.current.onSelect(index), []);
  const activate = useCallback((index: number) => handlers.current.onActivate(index), []);

  // Marks the commit and the first frame that shows these results; the overlay benchmark reads them.
  useLayoutEffect(() => {
    performance.mark('cuecard:results-committed', { detail: { query } });
    const frame = requestAnimationFrame(() => {
      performance.mark('cuecard:results-painted', { detail: { query, count: hits.length } });
    });
    return () => cancelAnimationFrame(frame);
  }, [hits, query]);

  // Keeps the selected option in view without reading layout on every keystroke. Scrolling to it
  // after each commit (scrollIntoView reads layout right after React's writes) was the one forced
  // style and layout recalculation of a keystroke: 0.44–0.63 of each a key, every other forced one
  // being the test driver's (tests/bench/overlay-layout-trace.ts); now none. When the agent moves
  // the selection (arrows, Ctrl+N/P) it is scrolled to at once. A new list selects its first row,
  // in view unless the pane was scrolled: an IntersectionObserver, computed with the next frame
  // and forcing nothing, tells, and only a row not fully shown is scrolled to.
  const shown = useRef({ hits, selected });
  useEffect(() => {
    const before = shown.current;
    shown.current = { hits, selected };
    const option = listRef.current?.querySelector(`#${optionId(selected)}`);
    if (!option) return;
    if (before.hits === hits) {
      if (before.selected !== selected) option.scrollIntoView({ block: 'nearest' });
      return;
    }
    const observer = new IntersectionObserver(([seen]) => {
      observer.disconnect();
      if (seen && seen.intersectionRatio < 1) option.scrollIntoView({ block: 'nearest' });
    });
    observer.observe(option);
    return () => observer.disconnect();
  }, [selected, hits]);

  return (
    <ul ref={listRef} id={LISTBOX_ID} role="listbox" aria-label={label} className="results" data-query={query}>
      {hits.map((hit, index) => (
        <ResultRow key={`${hit.locale}/${hit.id}`} hit={hit} index={index} selected={index === selected} onSelect={select} onActivate={activate} />
      ))}
    </ul>
  );
});

interface RowProps {
  hit: SearchHit;
  index: number;
  selected: boolean;
  onSelect: (index: number) => void;
  onActivate: (index: number) => void;
}

/**
 * One option. Each search answers new hit objects, mostly for the entries shown a key before;
 * a row is redrawn only when what it shows changed (the score is not shown: it changes with
 * every key).
 */
const ResultRow = memo(function ResultRow({ hit, index, selected, onSelect, onActivate }: RowProps) {
  return (
    <li
      id={optionId(index)}
      role="option"
      aria-selected={selected}
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
  );
}, sameRow);

function sameRow(before: RowProps, after: RowProps): boolean {
  return (
    before.index === after.index &&
    before.selected === after.selected &&
    before.onSelect === after.onSelect &&
    before.onActivate === after.onActivate &&
    sameShownHit(before.hit, after.hit)
  );
}

/** Equal hits as far as a row shows them: every field but the score, compared by value. */
function sameShownHit(a: SearchHit, b: SearchHit): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('score');
  for (const key of keys) if (!sameData(a[key as keyof SearchHit], b[key as keyof SearchHit])) return false;
  return true;
}

/** Structural equality of JSON-like data (what IPC delivers). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
