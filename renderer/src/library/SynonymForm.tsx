import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ask, libraryApi, type ShowMessage } from './library-api';

/** What the form starts from: a missed search (terms = the query) or a live rule being edited. */
export interface SynonymSeed {
  locale: string;
  terms: string;
  oneWayTo: string;
  /** The live rule an edit replaces once approved. */
  replaces?: string;
}

/** What a panel that opens the form passes on to it. */
export interface SynonymFormHost {
  /** Entry titles offered as targets (a one-way rule may lead to an entry's title words). */
  titles: readonly string[];
  /** The Library's message line: the server's refusal, or that the rule waits in review. */
  onMessage: ShowMessage;
}

interface Props extends SynonymFormHost {
  seed: SynonymSeed;
  /** Closes the form (cancelled, or the rule was sent). */
  onClose: () => void;
  /** The rule was sent for review (after onClose). */
  onAdded?: () => void;
}

/**
 * "Add synonym": the terms an agent typed, and what they should find. With a target it is a
 * one-way rule (`money back → refund`); without one, a group of terms that find each other
 * (`refund; money back`). Enter submits (the rule waits in review), Escape cancels. The target is
 * focused when the form opens from a missed search: the lead types the word and presses Enter.
 */
export function SynonymForm({ seed, titles, onClose, onMessage, onAdded }: Props) {
  const [locale, setLocale] = useState(seed.locale);
  const [terms, setTerms] = useState(seed.terms);
  const [target, setTarget] = useState(seed.oneWayTo);
  const [busy, setBusy] = useState(false);
  const targetField = useRef<HTMLInputElement>(null);
  const listId = useId();

  useEffect(() => targetField.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const rule = {
      locale: locale.trim(),
      terms: terms.split(';').map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== ''),
      oneWayTo: target.trim() === '' ? null : target.replace(/\s+/g, ' ').trim(),
    };
    const answer = await ask(() => libraryApi().addSynonym({ rule, ...(seed.replaces ? { replaces: seed.replaces } : {}) }));
    setBusy(false);
    if (!answer.ok) return onMessage(answer.error.message, 'error');
    const what = rule.oneWayTo === null ? rule.terms.join('; ') : `${rule.terms.join('; ')} → ${rule.oneWayTo}`;
    onClose();
    onMessage(`Synonym “${what}” (${rule.locale}) is in review: another lead approves it under Synonyms.`, 'info');
    onAdded?.();
  };

  return (
    <form
      className="synonym-form"
      aria-label={seed.replaces ? 'Edit synonym' : 'Add synonym'}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h2 className="section-heading">{seed.replaces ? 'Edit synonym' : 'Add synonym'}</h2>
      <div className="row">
        <label className="field">
          <span>Language</span>
          <input value={locale} onChange={(e) => setLocale(e.target.value)} size={6} required />
        </label>
        <label className="field grow">
          <span>Terms (separated by ;)</span>
          <input value={terms} onChange={(e) => setTerms(e.target.value)} required />
        </label>
        <label className="field grow">
          <span>Finds (empty: the terms find each other)</span>
          <input ref={targetField} value={target} list={listId} onChange={(e) => setTarget(e.target.value)} />
        </label>
        <datalist id={listId}>
          {titles.map((title) => (
            <option key={title} value={title} />
          ))}
        </datalist>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Submit for review
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <span className="muted">Enter submits · Escape cancels</span>
      </div>
    </form>
  );
}
