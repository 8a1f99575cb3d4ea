import { primaryKeyLabel } from '../lib/platform';

interface Props {
  text: string;
  onChange: (text: string) => void;
  onBack: () => void;
  /** Copies the text as adjusted (counted as a copy with its edit). */
  onCopy: () => void;
}

/**
 * "Adjust before insert" (issue #18): the rendered reply as an editable text, pasted as the agent
 * leaves it, or copied as they leave it. How much they change it is counted for the template's
 * owners (the `edits` report).
 */
export function AdjustReply({ text, onChange, onBack, onCopy }: Props) {
  return (
    <>
      <div className="field adjust-field">
        <label htmlFor="cuecard-adjust">Adjust before insert</label>
        <textarea
          id="cuecard-adjust"
          value={text}
          rows={12}
          autoFocus
          aria-describedby="cuecard-adjust-hint"
          onChange={(event) => onChange(event.target.value)}
        />
        <p id="cuecard-adjust-hint" className="hint">
          Edit the reply as it will be pasted (as plain text). <kbd>{primaryKeyLabel}</kbd>+<kbd>Enter</kbd> inserts,{' '}
          <kbd>{primaryKeyLabel}</kbd>+<kbd>C</kbd> with nothing selected copies it, <kbd>Esc</kbd> goes back to the fields.
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Insert adjusted reply
        </button>
        <button type="button" onClick={onCopy}>
          Copy adjusted reply
        </button>
        <button type="button" onClick={onBack}>
          Back to the fields
        </button>
      </div>
    </>
  );
}
