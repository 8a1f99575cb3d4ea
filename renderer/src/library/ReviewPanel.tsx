import { useState } from 'react';
import type { LibraryAction, LibraryEntryView } from '../../../common/library-contract';
import type { LibraryRecord, VersionContent } from '../../../common/library-protocol';
import type { HistoryItem } from '../../../common/review-protocol';
import { ask, libraryApi, type ShowMessage } from './library-api';
import { WordDiff } from './WordDiff';
import { draftOf } from './Editor';

interface Props {
  record: LibraryRecord;
  me: string;
  /** Why agents refuse the live version (a key revoked or dropped from the org key list), or null. */
  signatureProblem: string | null;
  onChanged: (view: LibraryEntryView) => void;
  onMessage: ShowMessage;
}

/**
 * Review of one entry: what the version in review changes against the live one (word by word),
 * Approve (never one's own version), Send back with a comment, Verify, Confirm translation, and
 * the history with a diff of each version and Rollback.
 */
export function ReviewPanel({ record, me, signatureProblem, onChanged, onMessage }: Props) {
  const [comment, setComment] = useState('');
  const [history, setHistory] = useState<HistoryItem[] | null>(null);
  const [shown, setShown] = useState<{ version: number; before: VersionContent | null; after: VersionContent } | null>(null);
  const inReview = record.state === 'in_review';
  const own = record.author === me;

  const act = async (action: LibraryAction['action'], extra: Partial<LibraryAction> = {}) => {
    const answer = await ask(() => libraryApi().act({ id: record.id, locale: record.locale, action, ...extra }));
    if (!answer.ok) return onMessage(answer.error.message, 'error');
    onChanged(answer.value);
    setComment('');
    setHistory(null);
    // A sensitive template stays in review at its first signature (issue #15).
    const waiting = action === 'approve' && answer.value.record?.state === 'in_review' && answer.value.record.version === record.version;
    onMessage(waiting ? `Signed: "${record.title}" (${record.locale}) goes live once a second lead approves it (sensitive tag).` : `${labelOf(action)}: "${record.title}" (${record.locale}).`, 'info');
  };
  // Re-approval (issue #15): the live content again as a new version in review, for another lead to approve with their key.
  const submitAgain = async () => {
    const answer = await ask(() => libraryApi().submit(draftOf(record)));
    if (!answer.ok) return onMessage(answer.error.message, 'error');
    onChanged(answer.value);
    onMessage(`Submitted "${record.title}" (${record.locale}) again: another lead approves it with their key.`, 'info');
  };
  const loadHistory = async () => {
    const answer = await ask(() => libraryApi().history({ id: record.id, locale: record.locale }));
    if (answer.ok) setHistory(answer.value.items);
    else onMessage(answer.error.message, 'error');
  };
  const showVersion = async (version: number) => {
    const get = (v: number) => ask(() => libraryApi().version({ id: record.id, locale: record.locale, version: v }));
    const after = await get(version);
    if (!after.ok) return onMessage(after.error.message, 'error');
    const before = version > 1 ? await get(version - 1) : null;
    setShown({ version, after: after.value, before: before?.ok ? before.value : null });
  };
  const versions = history ? [...new Map(history.map((h) => [h.version, h])).values()].sort((a, b) => b.version - a.version) : [];

  return (
    <section className="review" aria-label="Review">
      <h2 className="section-heading">Review</h2>
      {inReview && (
        <>
          <p>
            Version {record.version} by {record.author} is in review{record.live ? `; live is version ${record.live.version}` : '; nothing is live yet'}.
          </p>
          <WordDiff label="Heading changes, live → in review" before={record.live?.title ?? ''} after={record.title} />
          <WordDiff label="Text changes, live → in review" before={record.live?.body ?? ''} after={record.body} />
          {own && (
            <p className="muted" id="self-approval">
              You wrote this version: another lead must approve it (four eyes).
            </p>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={own} aria-describedby={own ? 'self-approval' : undefined} onClick={() => void act('approve', { version: record.version })}>
              Approve
            </button>
          </div>
          <label className="field">
            <span>Comment</span>
            <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="What must change before it can go live" />
          </label>
          <div className="actions">
            <button type="button" disabled={comment.trim() === ''} onClick={() => void act('reject', { version: record.version, comment: comment.trim() })}>
              Send back
            </button>
          </div>
        </>
      )}
      {signatureProblem !== null && record.state === 'approved' && (
        <div className="signature-problem">
          <p id="signature-problem">Agents refuse the live version {record.version}: {signatureProblem}. Submit it again unchanged; another lead approves it with their key.</p>
          <button type="button" aria-describedby="signature-problem" onClick={() => void submitAgain()}>
            Submit again for approval
          </button>
        </div>
      )}
      <div className="actions">
        {(record.state === 'approved' || record.live) && (
          <button type="button" onClick={() => void act('verify')}>
            Verify
          </button>
        )}
        {record.staleTranslation && (
          <button type="button" onClick={() => void act('confirm-translation')}>
            Confirm translation
          </button>
        )}
        <button type="button" onClick={() => void loadHistory()}>
          History
        </button>
      </div>
      {history && (
        <section aria-label="History">
          <ol className="history">
            {versions.map((h) => (
              <li key={h.version}>
                <span>
                  Version {h.version} · {h.state.replace('_', ' ')} · {h.author} · {h.title}
                </span>
                <button type="button" onClick={() => void showVersion(h.version)}>
                  Diff of version {h.version}
                </button>
                {h.version !== record.version && (
                  <button type="button" onClick={() => void act('rollback', { version: h.version })}>
                    Roll back to version {h.version}
                  </button>
                )}
              </li>
            ))}
          </ol>
          {shown && (
            <WordDiff label={`Version ${shown.version} against version ${shown.version - 1}`} before={shown.before?.body ?? ''} after={shown.after.body} />
          )}
        </section>
      )}
    </section>
  );
}

function labelOf(action: LibraryAction['action']): string {
  switch (action) {
    case 'approve':
      return 'Approved';
    case 'reject':
      return 'Sent back';
    case 'verify':
      return 'Verified';
    case 'confirm-translation':
      return 'Translation confirmed';
    case 'rollback':
      return 'Rolled back (the old content is in review)';
  }
}
