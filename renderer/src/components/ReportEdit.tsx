import { useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { LastReplyView } from '../../../common/ipc-contract';
import { api, call, describeError } from '../api';
import { hasPrimaryModifier, primaryKeyLabel } from '../lib/platform';

const KEYS = `${primaryKeyLabel === 'Ctrl' ? 'Control' : 'Meta'}+Shift+E`;

/**
 * The last reply Cuecard inserted or copied, in the last minutes (null: none, or reporting is off),
 * asked again each time the search view is set (an insert answers after the overlay may have
 * been shown again) and each time the overlay opens.
 */
export function useLastReply(shownView: object | null, refreshKey: number): LastReplyView | null {
  const [reply, setReply] = useState<LastReplyView | null>(null);
  useEffect(() => {
    if (!shownView) return;
    let current = true;
    void call(() => api().lastReply({})).then((result) => {
      if (current) setReply(result.ok ? result.value : null);
    });
    return () => {
      current = false;
    };
  }, [shownView, refreshKey]);
  return reply;
}

/** A time of today as 14:05 (24-hour clock whatever the locale: short and unambiguous). */
export const clockTime = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Under the results while the last reply's edit can be reported: the keyboard way in. */
export function LastReplyBar({ reply, onReport }: { reply: LastReplyView; onReport: () => void }) {
  return (
    <section className="last-reply" aria-label="Last reply">
      <p className="hint" id="cuecard-last-reply">
        You {reply.delivery} “{reply.title}”. Changed it before sending? Report how much, until {clockTime(reply.until)}.
      </p>
      <button type="button" aria-describedby="cuecard-last-reply" aria-keyshortcuts={KEYS} onClick={onReport}>
        Report my edit <kbd>{primaryKeyLabel}</kbd>+<kbd>Shift</kbd>+<kbd>E</kbd>
      </button>
    </section>
  );
}

/**
 * "Report my edit" (issue #18): the agent pastes back the reply as they sent it after Cuecard
 * pasted or copied it; main counts how much it differs from the template's reply. The text is
 * never sent or kept, only that number.
 */
export function ReportEdit({ reply, onDone }: { reply: LastReplyView; onDone: (message: string) => void }) {
  const [text, setText] = useState(reply.text);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  // Selected at first, so the agent's paste replaces what Cuecard sent.
  useEffect(() => fieldRef.current?.select(), []);

  const report = async () => {
    if (busy) return;
    setBusy(true);
    const result = await call(() => api().reportEdit({ text }));
    setBusy(false);
    if (result.ok) onDone(result.value.message);
    else setError(describeError(result.error));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && hasPrimaryModifier(event)) {
      event.preventDefault();
      void report();
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void report();
  };

  return (
    <form className="fill-form report-edit" aria-labelledby="cuecard-report-edit-heading" onKeyDown={onKeyDown} onSubmit={onSubmit} noValidate>
      <h2 id="cuecard-report-edit-heading" className="view-title">
        Report my edit
      </h2>
      <div className="field adjust-field">
        <label htmlFor="cuecard-report-edit">The reply as I sent it</label>
        <textarea id="cuecard-report-edit" ref={fieldRef} value={text} rows={12} autoFocus aria-describedby="cuecard-report-edit-hint" onChange={(event) => setText(event.target.value)} />
        <p id="cuecard-report-edit-hint" className="hint">
          “{reply.title}” as Cuecard {reply.delivery} it. Paste the reply as you sent it (<kbd>{primaryKeyLabel}</kbd>+<kbd>V</kbd> replaces it),
          or change it here to match. Only how much it differs is sent, never the text. <kbd>{primaryKeyLabel}</kbd>+<kbd>Enter</kbd> reports,{' '}
          <kbd>Esc</kbd> goes back.
        </p>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Report edit
        </button>
      </div>
    </form>
  );
}
