import { useRef, useState, type ChangeEvent } from 'react';
import type { IpcResult } from '../../../common/ipc-contract';
import type { ImportPlanView, ImportSubmissionView, LibrarySession } from '../../../common/library-contract';
import type { ImportFormat } from '../../../common/templates/import-formats';
import { assertNever } from '../../../common/assert-never';
import { ask, libraryApi } from './library-api';

const FORMATS: Array<{ value: ImportFormat; label: string }> = [
  { value: 'csv', label: 'CSV' },
  { value: 'zendesk', label: 'Zendesk macros (JSON export)' },
  { value: 'osticket', label: 'osTicket canned responses' },
  { value: 'cuecard', label: 'Cuecard NDJSON' },
];

const counted = (c: ImportPlanView['counts']) => `${c.created} created, ${c.changed} changed, ${c.left} left, ${c.bad} bad`;

interface Props {
  session: LibrarySession;
  /** Versions were submitted: the list and the queue read again. */
  onImported: () => void;
  onClose: () => void;
}

/**
 * Bulk import (issue #14): choose the format and the file; a dry run lists what would be created,
 * changed or left and every bad row by its number. Nothing is submitted while a row is bad unless
 * "Skip bad rows" is ticked. In the app main opens the file dialog and reads the file; in the
 * browser harness the page reads a file input. Either way main keeps the plan it submits.
 */
export function ImportPanel({ session, onImported, onClose }: Props) {
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [plan, setPlan] = useState<ImportPlanView | null>(null);
  const [skip, setSkip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [moved, setMoved] = useState<string[]>([]);
  const file = useRef<File | null>(null);

  const show = (answer: IpcResult<ImportPlanView | null>) => {
    setBusy(false);
    setSkip(false);
    setMoved([]);
    if (!answer.ok) return setProblem(answer.error.message);
    setProblem(null);
    setPlan(answer.value);
  };
  const dryRun = async (chosen: File | null, as: ImportFormat) => {
    setDone(null);
    if (!chosen) return;
    if (chosen.size > session.maxImportChars) {
      setPlan(null);
      return setProblem(`${chosen.name} is ${chosen.size.toLocaleString('en')} bytes, over the ${session.maxImportChars.toLocaleString('en')} one import takes; split it.`);
    }
    setBusy(true);
    const text = await chosen.text();
    show(await ask(() => libraryApi().importText({ format: as, name: chosen.name, text })));
  };
  const chooseInDialog = async () => {
    setDone(null);
    setBusy(true);
    show(await ask(() => libraryApi().importChoose({ format })));
  };
  const onFormat = (value: ImportFormat) => {
    setFormat(value);
    // The same file read again as the other format.
    if (!session.importDialog) void dryRun(file.current, value);
    else setPlan(null);
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    file.current = event.target.files?.[0] ?? null;
    void dryRun(file.current, format);
  };
  const submit = async () => {
    if (!plan) return;
    setBusy(true);
    const answer = await ask<ImportSubmissionView>(() => libraryApi().importSubmit({ planId: plan.planId, skipBadRows: skip }));
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error.message);
    const outcome = answer.value;
    switch (outcome.status) {
      case 'refused':
        return setProblem(outcome.message);
      case 'stale':
        setPlan(outcome.plan);
        setMoved(outcome.differences);
        return setProblem('The server changed since the dry run; nothing was submitted. Check the new dry run below and submit again.');
      case 'submitted':
        setPlan(null);
        setProblem(null);
        setDone(
          `Submitted ${outcome.submitted} version(s) from ${outcome.file} for review: ${counted(outcome.counts)}` +
            (outcome.skipped.length > 0 ? ` (skipped ${outcome.skipped.map((s) => s.split(':')[0]).join(', ')}).` : '.'),
        );
        return onImported();
      default:
        return assertNever(outcome);
    }
  };

  const sendable = plan ? plan.counts.created + plan.counts.changed : 0;
  const blockedByBad = plan !== null && plan.counts.bad > 0 && !skip;
  return (
    <section className="import-panel" aria-labelledby="import-heading">
      <div className="editor-head">
        <h2 id="import-heading">Bulk import</h2>
        <button type="button" onClick={onClose}>
          Close import
        </button>
      </div>
      <fieldset className="formats">
        <legend>Format</legend>
        {FORMATS.map((f) => (
          <label key={f.value} className="radio">
            <input type="radio" name="import-format" value={f.value} checked={format === f.value} onChange={() => onFormat(f.value)} />
            {f.label}
          </label>
        ))}
      </fieldset>
      {session.importDialog ? (
        <button type="button" onClick={() => void chooseInDialog()} disabled={busy}>
          Choose file…
        </button>
      ) : (
        <label className="field">
          <span>File</span>
          <input type="file" accept=".csv,.json,.ndjson,.jsonl,text/csv,application/json" onChange={onFile} disabled={busy} />
        </label>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {moved.length > 0 && (
        <ul aria-label="Changed on the server since the dry run">
          {moved.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {plan && (
        <>
          <p className="notice" role="status">
            Dry run of {plan.file}: {counted(plan.counts)}. Nothing was imported{plan.readable ? '' : ': the file cannot be read as a whole'}.
          </p>
          {plan.bad.length > 0 && (
            <section aria-label="Bad rows" className="bad-rows">
              <h3 className="section-heading">Bad rows ({plan.bad.length})</h3>
              <p>Nothing is imported until they are fixed in the file (then choose it again) or skipped.</p>
              <ul>
                {plan.bad.map((bad) => (
                  <li key={bad}>{bad}</li>
                ))}
              </ul>
            </section>
          )}
          {plan.rows.length > 0 && (
            <table className="dry-run" aria-label="Dry run">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Entry</th>
                  <th scope="col">From</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {plan.rows.map((row) => (
                  <tr key={`${row.id}/${row.locale}`} className={`plan-${row.action}`}>
                    <td>{row.action}</td>
                    <td>
                      {row.id} ({row.locale}) · {row.title}
                    </td>
                    <td>{row.from}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {plan.rows.length < plan.counts.created + plan.counts.changed + plan.counts.left && (
            <p className="muted">The first {plan.rows.length.toLocaleString('en')} records are listed; the counts above are for all of them.</p>
          )}
          {plan.warnings.length > 0 && (
            <details>
              <summary>Warnings ({plan.warnings.length})</summary>
              <ul>
                {plan.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </details>
          )}
          <div className="actions">
            {plan.counts.bad > 0 && plan.readable && (
              <label className="checkbox">
                <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} />
                Skip bad rows
              </label>
            )}
            <button type="button" className="primary" onClick={() => void submit()} disabled={busy || !plan.readable || blockedByBad || sendable === 0}>
              Submit import for review
            </button>
            {blockedByBad && <span className="muted">Fix the bad rows or tick “Skip bad rows” first.</span>}
            {!blockedByBad && plan.readable && sendable === 0 && <span className="muted">Nothing to submit: every record is the same as its live version.</span>}
          </div>
        </>
      )}
    </section>
  );
}
