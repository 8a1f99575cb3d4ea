import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../common/ipc-contract';
import { FLAG_REASONS, MAX_FLAG_COMMENT_LENGTH, type FlagReason } from '../../../common/workflow-rules';
import { api, call, describeError } from '../api';
import { hasPrimaryModifier, primaryKeyLabel } from '../lib/platform';
import { FieldError, LabelledField } from './FormRow';

interface Props {
  hit: SearchHit;
  onDone: (message: string) => void;
}

const REASON_LABELS: Record<FlagReason, string> = { outdated: 'Outdated', wrong: 'Wrong' };

/**
 * The agent tells the entry's owner it is outdated or wrong, with a short comment. The flag is
 * kept on this machine until the server has it, so this works offline too.
 */
export function FlagForm({ hit, onDone }: Props) {
  const [reason, setReason] = useState<FlagReason>('outdated');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (comment.trim() === '') {
      setError('Say in a few words what is outdated or wrong.');
      return;
    }
    setBusy(true);
    const result = await call(() => api().flagEntry({ id: hit.id, locale: hit.locale, reason, comment }));
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    onDone(result.value.waiting > 0 ? 'Flag saved; it is sent to the owner when you are online' : 'Flag sent to the owner');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (hasPrimaryModifier(event) && event.key === 'Enter') {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form className="flag-form" aria-labelledby="cuecard-flag-title" onSubmit={onSubmit} onKeyDown={onKeyDown}>
      <h2 id="cuecard-flag-title" className="view-title">
        Flag “{hit.title}” ({hit.locale})
      </h2>
      <fieldset className="field">
        <legend>What is the problem?</legend>
        {FLAG_REASONS.map((option) => (
          <label key={option}>
            <input type="radio" name="flag-reason" value={option} checked={reason === option} onChange={() => setReason(option)} /> {REASON_LABELS[option]}
          </label>
        ))}
      </fieldset>
      <LabelledField className="field" id="cuecard-flag-comment" label="Comment for the owner" errorId="cuecard-flag-error" error={error}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={MAX_FLAG_COMMENT_LENGTH}
            value={comment}
            autoFocus
            onChange={(event) => {
              setComment(event.target.value);
              setError(null);
            }}
          />
        )}
      </LabelledField>
      <FieldError id="cuecard-flag-error" error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Send flag <kbd>{primaryKeyLabel}+Enter</kbd>
        </button>
      </div>
    </form>
  );
}
