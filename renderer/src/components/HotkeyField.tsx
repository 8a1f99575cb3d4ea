import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { acceleratorFromKey, describeAccelerator } from '../../../common/accelerator';
import { isMac } from '../lib/platform';
import { FieldError, LabelledField } from './FormRow';

interface Props {
  hotkey: string;
  problem: string | null;
  pinned: boolean;
  onSave: (accelerator: string) => Promise<string | null>;
}

/**
 * The global hotkey, recorded by pressing it. The text box also accepts an accelerator typed
 * by hand (e.g. `CommandOrControl+Shift+Space`); main validates either way.
 */
export function HotkeyField({ hotkey, problem, pinned, onSave }: Props) {
  const [recording, setRecording] = useState(false);
  const [draft, setDraft] = useState(hotkey);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const save = async (accelerator: string) => {
    setNote(null);
    const failure = await onSave(accelerator);
    setError(failure);
    if (!failure) setNote(`Saved: ${describeAccelerator(accelerator, isMac)}`);
  };

  const onRecordKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey) {
      setRecording(false);
      return;
    }
    const recorded = acceleratorFromKey(event.nativeEvent, isMac);
    if (recorded.kind === 'incomplete') return;
    if (recorded.kind === 'unsupported') {
      setError(recorded.reason);
      return;
    }
    setRecording(false);
    setDraft(recorded.accelerator);
    void save(recorded.accelerator);
  };

  return (
    <fieldset className="setting" disabled={pinned}>
      <legend>Hotkey</legend>
      <p className="hint">Current: <kbd>{describeAccelerator(hotkey, isMac)}</kbd></p>
      {problem && <p className="warning" role="alert">{problem}</p>}
      <div className="row">
        <button
          type="button"
          className={recording ? 'recording' : undefined}
          aria-pressed={recording}
          onClick={() => {
            setError(null);
            setRecording((value) => !value);
          }}
          onKeyDown={onRecordKey}
          onBlur={() => setRecording(false)}
        >
          {recording ? 'Press the new shortcut… (Esc cancels)' : 'Record shortcut'}
        </button>
      </div>
      <LabelledField className="row" id="cuecard-hotkey-text" label="Or type an accelerator" errorId="cuecard-hotkey-error" error={error}>
        {(control) => (
          <>
            <input
              {...control}
              type="text"
              value={draft}
              spellCheck={false}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void save(draft.trim());
                }
              }}
            />
            <button type="button" onClick={() => void save(draft.trim())}>
              Save hotkey
            </button>
          </>
        )}
      </LabelledField>
      <FieldError id="cuecard-hotkey-error" error={error} />
      {note && <p className="muted" role="status">{note}</p>}
    </fieldset>
  );
}
