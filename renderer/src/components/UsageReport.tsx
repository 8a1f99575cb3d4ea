import { useEffect, useState } from 'react';
import type { UsageReportView } from '../../../common/ipc-contract';
import { api, call, describeError } from '../api';
import { clockTime } from './ReportEdit';

const KIND_LABELS: Record<string, string> = {
  found: 'found in a search',
  opened: 'opened',
  inserted: 'inserted',
  copied: 'copied',
  missed: 'search that ended with nothing used',
  edited: 'edited after insert or copy',
};

/**
 * Settings → "What Cuecard reports" (issue #18): the switch for usage counts, and every count
 * that waits to be sent, as it will be sent. A missed search's text is shown here because it is
 * on this computer; it leaves only when the organisation's policy allows it.
 */
export function UsageReport({ enabled, pinned, onToggle }: { enabled: boolean; pinned: boolean; onToggle: (on: boolean) => void }) {
  const [report, setReport] = useState<UsageReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call(() => api().getUsageReport({})).then((result) => {
      if (result.ok) setReport(result.value);
      else setError(describeError(result.error));
    });
  }, [enabled]);
  const items = report?.items ?? [];
  return (
    <fieldset className="setting" aria-labelledby="cuecard-usage-report-heading">
      <legend id="cuecard-usage-report-heading">What Cuecard reports</legend>
      <label className="check">
        <input type="checkbox" checked={enabled} disabled={pinned} onChange={(event) => onToggle(event.target.checked)} />
        Send usage counts to my team’s knowledge server
      </label>
      {pinned && <p className="managed">Managed by your organisation</p>}
      <p className="hint">
        Only numbers leave this computer: how often each entry was found, opened, inserted or copied, how many searches ended
        with nothing used, and how much of a reply you changed — in “Adjust before insert”, or as you report it with “Report my
        edit” in the minutes after an insert or copy (only the share changed, never the text).{' '}
        {report?.queryTextSent
          ? 'Your organisation also receives the text of those searches.'
          : 'The text of those searches is not sent, only a fingerprint of it.'}
      </p>
      {enabled && (
        <table className="usage-report" aria-label="Counts waiting to be sent">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">What</th>
              <th scope="col">Entry or search</th>
              <th scope="col">Count</th>
              <th scope="col">Sent as</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={5}>Nothing waits to be sent.</td>
              </tr>
            ) : (
              items.map((item) => (
                <tr key={`${item.waiting ? 'w' : item.heldUntil ? `h${item.heldUntil}` : 'c'}|${item.day}|${item.kind}|${item.key}|${item.locale}`}>
                  <td>{item.day}</td>
                  <td>
                    <code>{item.kind}</code> {KIND_LABELS[item.kind] ?? ''}
                    {item.heldUntil && <> (kept until {clockTime(item.heldUntil)}: a later report of your edit replaces it)</>}
                  </td>
                  <td>{item.kind === 'missed' ? (item.queryText ?? item.key) : item.key}</td>
                  <td>{item.n}</td>
                  <td>
                    <code className="sent-as">{item.sentAs}</code>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
