import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SettingsUpdate, SettingsView } from '../../../common/ipc-contract';
import { SaveFooter, TextRow } from './FormRow';

interface Props {
  settings: SettingsView;
  pinnedUrl: boolean;
  pinnedToken: boolean;
  onSave: (update: SettingsUpdate) => Promise<string | null>;
}

/** Knowledge server address and access token. The token is write-only: main never sends it back. */
export function ServerSettings({ settings, pinnedUrl, pinnedToken, onSave }: Props) {
  const [url, setUrl] = useState(settings.serverUrl);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const update: SettingsUpdate = {};
    if (!pinnedUrl && url.trim() !== settings.serverUrl) update.serverUrl = url.trim();
    if (!pinnedToken && token !== '') update.token = token;
    if (Object.keys(update).length === 0) return;
    const failure = await onSave(update);
    setError(failure);
    setSaved(!failure);
    if (!failure) setToken('');
  };

  return (
    <form className="setting" onSubmit={(event) => void submit(event)} aria-labelledby="cuecard-server-legend">
      <h3 id="cuecard-server-legend" className="legend">
        Knowledge server
      </h3>
      <TextRow
        id="cuecard-server-url"
        label="Server URL"
        type="url"
        value={url}
        placeholder="https://kb.example.com (empty: local knowledge base only)"
        pinned={pinnedUrl}
        onChange={(value) => {
          setUrl(value);
          setSaved(false);
        }}
      />
      <TextRow
        id="cuecard-server-token"
        label="Access token"
        type="password"
        value={token}
        autoComplete="off"
        placeholder={settings.hasToken ? 'set (type to replace)' : 'not set'}
        pinned={pinnedToken}
        description={{ id: 'cuecard-token-state', text: settings.hasToken ? 'Token: set' : 'Token: not set' }}
        onChange={(value) => {
          setToken(value);
          setSaved(false);
        }}
      />
      <SaveFooter label="Save server settings" disabled={pinnedUrl && pinnedToken} saved={saved} error={error} />
    </form>
  );
}
