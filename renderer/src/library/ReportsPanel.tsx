import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { LibraryReport } from '../../../common/library-contract';
import type { ReportName } from '../../../common/signals/signal-protocol';
import { ask, libraryApi } from './library-api';
import { SelectField } from './SelectField';
import { SynonymForm, type SynonymFormHost, type SynonymSeed } from './SynonymForm';

const REPORTS: Array<{ name: ReportName; label: string }> = [
  { name: 'no-results', label: 'Missed searches' },
  { name: 'usage', label: 'Usage' },
  { name: 'edits', label: 'Rewritten after insert' },
  { name: 'stale', label: 'Stale and due' },
];


/**
 * The leads' reports (issue #18), this week's unless the server says otherwise. Missed searches
 * come first: ↑/↓ choose one, S opens "Add synonym" with it (the target focused), Enter submits.
 */
export function ReportsPanel({ titles, onMessage }: SynonymFormHost) {
  const [name, setName] = useState<ReportName>('no-results');
  const [report, setReport] = useState<LibraryReport | null>(null);
  const [active, setActive] = useState(0);
  const [seed, setSeed] = useState<SynonymSeed | null>(null);
  const list = useRef<HTMLDivElement>(null);

  const load = useCallback(
    (which: ReportName) =>
      ask(() => libraryApi().report({ name: which })).then((answer) => {
        if (!answer.ok) return onMessage(answer.error.message, 'error');
        setReport(answer.value);
        setActive(0);
      }),
    [onMessage],
  );
  useEffect(() => void load(name), [load, name]);
  // The missed searches take the focus once they are in, so the keys work at once.
  useEffect(() => {
    if (report?.report === 'no-results' && report.rows.length > 0 && seed === null) list.current?.focus();
  }, [report, seed]);

  const rows = report?.report === name ? report.rows : [];
  const missed = name === 'no-results' ? rows : [];
  const chosen = missed[Math.min(active, missed.length - 1)];

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, Math.min(missed.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if ((event.key === 's' || event.key === 'S') && !event.ctrlKey && !event.metaKey && !event.altKey && chosen) {
      event.preventDefault();
      if (typeof chosen.query !== 'string') return onMessage('This search was reported as a count only (the organisation’s policy keeps its text): it cannot become a synonym.', 'error');
      setSeed({ locale: String(chosen.locale), terms: chosen.query, oneWayTo: '' });
    }
  };

  return (
    <section className="reports" aria-label="Reports">
      <div className="list-tools">
        <SelectField className="inline" label="Report" value={name} onChange={(v) => setName(v as ReportName)}>
          {REPORTS.map((r) => (
            <option key={r.name} value={r.name}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <button type="button" onClick={() => void load(name)}>
          Refresh report
        </button>
        {report && <span className="muted">{report.since === report.until ? report.since : `${report.since} … ${report.until}`}</span>}
      </div>
      {seed && <SynonymForm seed={seed} titles={titles} onClose={() => setSeed(null)} onMessage={onMessage} />}
      {name === 'no-results' ? (
        missed.length === 0 ? (
          <p className="muted">No missed searches in this range.</p>
        ) : (
          <>
            <p className="muted">↑/↓ choose a search · S turns it into a synonym</p>
            <div
              ref={list}
              className="missed-list"
              role="listbox"
              aria-label="Missed searches"
              tabIndex={0}
              aria-activedescendant={chosen ? `missed-${active}` : undefined}
              onKeyDown={onKeyDown}
            >
              {missed.map((row, i) => (
                <div
                  key={String(row.queryKey)}
                  id={`missed-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'missed-row active' : 'missed-row'}
                  onClick={() => setActive(i)}
                  onDoubleClick={() => typeof row.query === 'string' && setSeed({ locale: String(row.locale), terms: row.query, oneWayTo: '' })}
                >
                  <span className="row-title">{typeof row.query === 'string' ? row.query : '(text not reported)'}</span>
                  <span className="row-meta muted">
                    {row.locale} · {row.searches} search{row.searches === 1 ? '' : 'es'}
                  </span>
                </div>
              ))}
            </div>
          </>
        )
      ) : (
        <ReportTable rows={rows} label={REPORTS.find((r) => r.name === name)?.label ?? name} />
      )}
    </section>
  );
}

/** Any other report as a plain table of its fields. */
function ReportTable({ rows, label }: { rows: LibraryReport['rows']; label: string }) {
  if (rows.length === 0) return <p className="muted">Nothing in this range.</p>;
  const columns = Object.keys(rows[0] ?? {});
  return (
    <table className="report-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c}>{row[c] ?? ''}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
