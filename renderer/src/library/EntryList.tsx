import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { LibraryRow } from '../../../common/library-contract';
import { NO_FILTERS, SORT_KEYS, filterChoices, rowKey, visibleRows, type LibraryFilters, type SortKey } from '../../../common/library-list';
import { libraryApi } from './library-api';
import { SelectField } from './SelectField';

/** Rows drawn beyond the visible ones, above and below, so fast scrolling shows no gaps. */
const OVERSCAN = 8;
const ROW_REM = 3;

interface Props {
  rows: LibraryRow[];
  selected: string | null;
  onOpen: (row: LibraryRow) => void;
}

// No option may say "Locale": the editor's locale picker is the one control of that name.
const SORT_LABELS: Partial<Record<SortKey, string>> = { title: 'Title', updated: 'Last change', state: 'State', owner: 'Owner', locale: 'Language', due: 'Verification due' };

const STATE_LABEL: Record<LibraryRow['state'], string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Live',
  superseded: 'Superseded',
  retired: 'Retired',
};

/**
 * Search, filters, sort and the list itself. Only the rows in view are in the DOM (a fixed row
 * height in rem, so 200 % zoom keeps the arithmetic), which keeps 100,000 entries scrollable.
 */
export function EntryList({ rows, selected, onOpen }: Props) {
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<{ query: string; keys: Array<{ id: string; locale: string }> } | null>(null);
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS);
  const [sort, setSort] = useState<SortKey>('relevance');
  const [descending, setDescending] = useState(false);
  const [chosen, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const viewport = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (query.trim() === '') return;
    let current = true;
    const timer = setTimeout(() => {
      void libraryApi()
        .search({ query, limit: 100_000 })
        .then((answer) => {
          if (current && answer.ok) setSearched({ query, keys: answer.value.keys });
        });
    }, 80);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, rows]);

  // An empty query shows every row; a search shows its hits once they are in (the previous ones meanwhile).
  const ranked = query.trim() === '' ? null : (searched?.keys ?? null);
  const shown = useMemo(() => visibleRows(rows, filters, sort, descending, ranked), [rows, filters, sort, descending, ranked]);
  const choices = useMemo(() => filterChoices(rows), [rows]);
  const rowPx = useMemo(() => ROW_REM * parseFloat(getComputedStyle(document.documentElement).fontSize || '16'), []);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  const active = Math.min(chosen, Math.max(0, shown.length - 1));

  const first = Math.max(0, Math.floor(scrollTop / rowPx) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + height) / rowPx) + OVERSCAN);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, index));
    setActive(next);
    const el = viewport.current;
    if (!el) return;
    if (next * rowPx < el.scrollTop) el.scrollTop = next * rowPx;
    else if ((next + 1) * rowPx > el.scrollTop + el.clientHeight) el.scrollTop = (next + 1) * rowPx - el.clientHeight;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / rowPx) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: shown.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key] as number);
    } else if (event.key === 'Enter' && shown[active]) {
      event.preventDefault();
      onOpen(shown[active]);
    }
  };
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const activeRow = shown[active];

  return (
    <section className="entry-list" aria-label="Entries">
      <div className="list-tools">
        <label className="field grow">
          <span>Search</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                viewport.current?.focus();
              }
            }}
            placeholder="Search the library"
          />
        </label>
        <SelectField label="State" value={filters.state} onChange={(v) => set('state', v as LibraryFilters['state'])}>
          <option value="">Any</option>
          <option value="draft">Draft</option>
          <option value="in_review">In review</option>
          <option value="approved">Live</option>
        </SelectField>
        <SelectField label="Kind" value={filters.kind} onChange={(v) => set('kind', v as LibraryFilters['kind'])}>
          <option value="">Any</option>
          <option value="article">Article</option>
          <option value="template">Template</option>
        </SelectField>
        <Choice label="Language" value={filters.locale} options={choices.locales} onChange={(v) => set('locale', v)} />
        <Choice label="Owner" value={filters.owner} options={choices.owners} onChange={(v) => set('owner', v)} />
        <Choice label="Tag" value={filters.tag} options={choices.tags} onChange={(v) => set('tag', v)} />
        <label className="check">
          <input type="checkbox" checked={filters.due} onChange={(e) => set('due', e.target.checked)} /> Due for verification
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.flagged} onChange={(e) => set('flagged', e.target.checked)} /> Flagged
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.stale} onChange={(e) => set('stale', e.target.checked)} /> Stale translation
        </label>
        <SelectField label="Sort by" value={sort} onChange={(v) => setSort(v as SortKey)}>
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key] ?? (query.trim() ? 'Relevance' : 'Title (default)')}
            </option>
          ))}
        </SelectField>
        <button type="button" aria-pressed={descending} onClick={() => setDescending((d) => !d)}>
          {descending ? 'Descending' : 'Ascending'}
        </button>
      </div>
      <p className="list-count" role="status">
        {shown.length.toLocaleString('en')} of {rows.length.toLocaleString('en')} entries
      </p>
      <div
        ref={viewport}
        className="list-viewport"
        role="listbox"
        tabIndex={0}
        aria-label="Entries"
        aria-activedescendant={activeRow ? `row-${active}` : undefined}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: `${shown.length * ROW_REM}rem` }} className="list-spacer">
          {shown.slice(first, last).map((row, i) => {
            const index = first + i;
            return (
              <div
                key={rowKey(row)}
                id={`row-${index}`}
                role="option"
                aria-selected={index === active}
                className={`list-row${index === active ? ' active' : ''}${selected === rowKey(row) ? ' open' : ''}`}
                style={{ top: `${index * ROW_REM}rem`, height: `${ROW_REM}rem` }}
                onClick={() => {
                  setActive(index);
                  onOpen(row);
                }}
              >
                <span className="row-title">{row.title}</span>
                <span className="row-meta">
                  <span className={`pill state-${row.state}`}>{STATE_LABEL[row.state]}</span>
                  <span className="pill">{row.locale}</span>
                  {row.kind === 'template' && <span className="pill">Template</span>}
                  {row.due && <span className="pill warn">Due</span>}
                  {row.flagged && <span className="pill danger">Flagged</span>}
                  {row.stale && <span className="pill warn">Stale</span>}
                  {row.unsaved && <span className="pill">Unsaved</span>}
                  <span className="muted">{row.owner}</span>
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function Choice({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (value: string) => void }) {
  return (
    <SelectField label={label} value={value} onChange={onChange}>
      <option value="">Any</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </SelectField>
  );
}
