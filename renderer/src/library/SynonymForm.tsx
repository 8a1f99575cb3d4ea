import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ask, libraryApi } from './library-api';

/** What the form starts from: a missed search (terms = the query) or a live rule being edited. */
export interface SynonymSeed {
  locale: string;
  terms: string;
  oneWayTo: string;
  /** The live rule an edit replaces once approved. */
  replaces?: string;
}

interface Props {
  seed: SynonymSeed;
  /** Entry titles offered as targets (a one-way rule may lead to an entry's title words). */
  titles: readonly string[];
  onDone: (message: string) => void;
  onCancel: () => void;
  onError: (message: string) => void;
}

/**
 * "Add synonym": the terms an agent typed, and what they should find. With a target it is a
 * one-way rule (`money back → refund`); without one, a group of terms that find each other
 * (`refund; money back`). Enter submits (the rule waits in review), Escape cancels. The target is
 * focused when the form opens from a missed search: the lead types the word and presses Enter.
 */
export function SynonymForm({ seed, titles, onDone, onCancel, onError }: Props) {
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
    if (!answer.ok) return onError(answer.error.message);
    const what = rule.oneWayTo === null ? rule.terms.join('; ') : `${rule.terms.join('; ')} → ${rule.oneWayTo}`;
    onDone(`Synonym “${what}” (${rule.locale}) is in review: another lead approves it under Synonyms.`);
  };

  return (
    <form
      className="synonym-form"
      aria-label={seed.replaces ? 'Edit synonym' : 'Add synonym'}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
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
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <span className="muted">Enter submits · Escape cancels</span>
      </div>
    </form>
  );
}
