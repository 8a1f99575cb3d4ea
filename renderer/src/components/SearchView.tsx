import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import type { SearchHit } from '../../../common/ipc-contract';
import { useSearch } from '../hooks/useSearch';
import { describeError } from '../api';
import { hasPrimaryModifier } from '../lib/platform';
import { LISTBOX_ID, ResultList, optionId } from './ResultList';
import { Preview } from './Preview';
import { EmptyResults } from './EmptyResults';

interface Props {
  query: string;
  onQueryChange: (query: string) => void;
  locale: string | null;
  refreshKey: number;
  inputRef: RefObject<HTMLInputElement | null>;
  toolbar: ReactNode;
  onActivate: (hit: SearchHit) => void;
  onCopy: (hit: SearchHit) => void;
  onOpenLink: (url: string) => void;
  onFlag: (hit: SearchHit) => void;
  onShowSource: (hit: SearchHit) => void;
}

function countLabel(count: number, recent: boolean): string {
  if (recent) return count === 0 ? 'Nothing used recently yet' : `Recent and frequent: ${count} ${count === 1 ? 'entry' : 'entries'}`;
  if (count === 0) return 'No results';
  return `${count} ${count === 1 ? 'result' : 'results'}`;
}

/** The command palette: a combobox field, the result listbox and a preview of the selection. */
export function SearchView({ query, onQueryChange, locale, refreshKey, inputRef, toolbar, onActivate, onCopy, onOpenLink, onFlag, onShowSource }: Props) {
  const search = useSearch(query, locale, refreshKey);
  const { hits } = search;
  // The selection belongs to one result list; a new list starts again at the top.
  const [selection, setSelection] = useState<{ hits: SearchHit[]; index: number }>({ hits, index: 0 });
  const selected = selection.hits === hits ? Math.min(selection.index, Math.max(0, hits.length - 1)) : 0;
  const selectedHit = hits[selected] ?? null;
  // Stable callbacks let the memoised result list skip re-rendering on every keystroke: it only
  // changes when new hits (or a new selection) arrive.
  const select = useCallback(
    (index: number) => setSelection({ hits, index: Math.max(0, Math.min(index, hits.length - 1)) }),
    [hits],
  );
  // The app's handlers are new functions on every render; the memoised list and preview get
  // stable ones that call the latest.
  const handlers = useRef({ onActivate, onOpenLink, onFlag, onShowSource });
  useLayoutEffect(() => {
    handlers.current = { onActivate, onOpenLink, onFlag, onShowSource };
  });
  const activateIndex = useCallback((index: number) => {
    const hit = hits[index];
    if (hit) handlers.current.onActivate(hit);
  }, [hits]);
  const openLink = useCallback((url: string) => handlers.current.onOpenLink(url), []);
  const flag = useCallback((hit: SearchHit) => handlers.current.onFlag(hit), []);
  const showSource = useCallback((hit: SearchHit) => handlers.current.onShowSource(hit), []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const ctrlOnly = event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey;
    if (event.key === 'ArrowDown' || (ctrlOnly && event.code === 'KeyN')) {
      event.preventDefault();
      select(selected + 1);
    } else if (event.key === 'ArrowUp' || (ctrlOnly && event.code === 'KeyP')) {
      event.preventDefault();
      select(selected - 1);
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (selectedHit) onActivate(selectedHit);
    } else if (hasPrimaryModifier(event) && event.shiftKey && event.code === 'KeyF' && selectedHit) {
      event.preventDefault();
      onFlag(selectedHit);
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyS' && selectedHit?.staleTranslation && selectedHit.sourceLocale) {
      event.preventDefault();
      onShowSource(selectedHit);
    } else if (hasPrimaryModifier(event) && event.code === 'KeyC' && !event.shiftKey && !event.altKey) {
      const field = event.currentTarget;
      const hasTextSelection = field.selectionStart !== field.selectionEnd;
      if (!hasTextSelection && selectedHit) {
        event.preventDefault();
        onCopy(selectedHit);
      }
    }
  };

  const listLabel = search.recent ? 'Recent and frequent' : 'Results';
  const showEmpty = search.settled && !search.error && hits.length === 0;
  return (
    <>
      <div className="search-bar" role="search">
        <label htmlFor="cuecard-query" className="visually-hidden">
          Search replies and articles
        </label>
        <span className="search-icon" aria-hidden="true">⌕</span>
        <input
          id="cuecard-query"
          ref={inputRef}
          className="search-field"
          type="text"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={LISTBOX_ID}
          aria-autocomplete="list"
          aria-activedescendant={selectedHit ? optionId(selected) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Search replies and articles…"
          value={query}
          onChange={(event) => {
            search.typed(event.target.value);
            onQueryChange(event.target.value);
          }}
          onKeyDown={onKeyDown}
          autoFocus
        />
        {toolbar}
      </div>
      <div className="search-body">
        <section className="results-pane" aria-labelledby="cuecard-results-heading">
          <h2 id="cuecard-results-heading" className="section-heading">
            {search.recent ? 'Recent and frequent' : search.settled ? countLabel(hits.length, false) : 'Results'}
          </h2>
          {search.error && (
            <p className="error" role="alert">
              Search failed: {describeError(search.error)}
            </p>
          )}
          <ResultList
            hits={hits}
            query={search.query}
            selected={selected}
            onSelect={select}
            onActivate={activateIndex}
            label={listLabel}
          />
          {showEmpty && <EmptyResults query={search.query} recent={search.recent} />}
        </section>
        <Preview hit={selectedHit} onOpenLink={openLink} onFlag={flag} onShowSource={showSource} />
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {search.settled && !search.error ? (hits.length === 0 && !search.recent ? `No results for ${search.query}` : countLabel(hits.length, search.recent)) : ''}
      </p>
    </>
  );
}
