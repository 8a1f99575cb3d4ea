import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { LibraryEntryView, RetireOutcome } from '../../../common/library-contract';
import type { LibraryRecord } from '../../../common/library-protocol';
import { ask, libraryApi, type ShowMessage } from './library-api';

interface Props {
  record: LibraryRecord;
  /** The entry's other locales (a retirement may take them all). */
  variants: LibraryRecord[];
  onRetired: (view: LibraryEntryView) => void;
  onMessage: ShowMessage;
}

const isLive = (r: LibraryRecord) => r.state === 'approved' || r.live !== null;

/**
 * Retire (issue #15 leftovers): takes the entry away from every agent, in this locale or in all its
 * live ones. Main signs each retirement with the lead's approver key when the organisation signs
 * (agents pinning the root key remove an entry only on such a signature), and says so when the
 * lead has no usable key or the server refuses. A confirmation naming the entry comes first;
 * keyboard only: Enter opens it, Escape or Cancel closes it, focus starts on Cancel.
 */
export function RetireEntry({ record, variants, onRetired, onMessage }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  // Focus moves into the confirmation when it opens and back to "Retire…" when it is cancelled.
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  if (!isLive(record)) return null;
  const liveLocales = [record.locale, ...variants.filter((v) => v.locale !== record.locale && isLive(v)).map((v) => v.locale)];
  const locales = all ? liveLocales : [record.locale];
  const close = () => {
    setConfirming(false);
    setAll(false);
  };
  const retire = async () => {
    setBusy(true);
    const answer = await ask(() => libraryApi().retire({ id: record.id, locales }));
    setBusy(false);
    setConfirming(false);
    setAll(false);
    if (!answer.ok) return onMessage(answer.error.message, 'error');
    onRetired(answer.value.entry);
    onMessage(retiredMessage(record, answer.value.outcomes), answer.value.outcomes.every((o) => o.ok) ? 'info' : 'error');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="retire">
      {!confirming ? (
        <button type="button" ref={openRef} onClick={() => setConfirming(true)}>
          Retire…
        </button>
      ) : (
        <div className="retire-confirm" role="alertdialog" aria-labelledby="retire-heading" aria-describedby="retire-what" onKeyDown={onKeyDown}>
          <h3 id="retire-heading" className="section-heading">
            Retire “{record.title}” ({record.id})?
          </h3>
          <p id="retire-what">
            Every agent loses it: connected agents at once, the others at their next sync. When your organisation signs approvals, your approver key signs this retirement.
          </p>
          {liveLocales.length > 1 && (
            <fieldset className="retire-scope">
              <legend>Languages</legend>
              <label>
                <input type="radio" name="retire-scope" checked={!all} onChange={() => setAll(false)} /> Only {record.locale}
              </label>
              <label>
                <input type="radio" name="retire-scope" checked={all} onChange={() => setAll(true)} /> All live languages: {liveLocales.join(', ')}
              </label>
            </fieldset>
          )}
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void retire()}>
              Retire {locales.join(', ')}
            </button>
            <button type="button" ref={cancelRef} disabled={busy} onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function retiredMessage(record: LibraryRecord, outcomes: RetireOutcome[]): string {
  const done = outcomes.flatMap((o) => (o.ok ? [o] : []));
  const failed = outcomes.flatMap((o) => (o.ok ? [] : [o]));
  const signed = done.length > 0 && done.every((o) => o.signed) ? ' Signed with your approver key.' : '';
  const head = `Retired “${record.title}” (${done.map((o) => o.locale).join(', ')}): agents no longer find it.${signed}`;
  return failed.length === 0 ? head : `${head} Not retired: ${failed.map((o) => `${o.locale}: ${o.message}`).join('; ')}`;
}
