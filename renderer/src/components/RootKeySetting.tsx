import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SettingsUpdate, SettingsView } from '../../../common/ipc-contract';
import { Managed, SaveFooter } from './FormRow';

interface Props {
  settings: SettingsView;
  pinned: boolean;
  onSave: (update: SettingsUpdate) => Promise<string | null>;
}

/**
 * Signed knowledge (issue #15): the organisation's root key, when IT's policy does not pin one.
 * With a key, only entries approvers signed (under the root-signed key list) are shown; without
 * one, entries are marked *unsigned*. Main validates the key; this only passes the text on.
 */
export function RootKeySetting({ settings, pinned, onSave }: Props) {
  const [key, setKey] = useState(settings.orgRootKey);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pinned || key.trim() === settings.orgRootKey) return;
    const failure = await onSave({ orgRootKey: key.trim() });
    setError(failure);
    setSaved(!failure);
  };

  return (
    <form className="setting" onSubmit={(event) => void submit(event)} aria-labelledby="cuecard-root-key-legend">
      <h3 id="cuecard-root-key-legend" className="legend">
        Signed knowledge
      </h3>
      <div className="row">
        <label htmlFor="cuecard-root-key">Organisation root key</label>
        <input
          id="cuecard-root-key"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={key}
          placeholder="ed25519:… (empty: entries are shown as unsigned)"
          disabled={pinned}
          aria-describedby="cuecard-root-key-help"
          onChange={(event) => {
            setKey(event.target.value);
            setSaved(false);
          }}
        />
      </div>
      <p id="cuecard-root-key-help" className="muted">
        {settings.orgRootKey ? 'Only entries signed by approvers your organisation listed are shown.' : 'No root key: entries are shown as unsigned.'}
      </p>
      <Managed pinned={pinned} />
      <SaveFooter label="Save root key" disabled={pinned} saved={saved} error={error} />
    </form>
  );
}
