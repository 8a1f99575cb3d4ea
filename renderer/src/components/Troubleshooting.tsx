import { useState } from 'react';
import { api, call, describeError } from '../api';

/** Where the app's log file is, for the agent or IT when something went wrong. */
export function Troubleshooting() {
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    const result = await call(() => api().openLogFolder({}));
    setError(result.ok ? null : describeError(result.error));
  };
  return (
    <fieldset className="setting">
      <legend>Troubleshooting</legend>
      <p className="hint">When something fails, the details are in Cuecard’s log file.</p>
      <div className="row">
        <button type="button" onClick={() => void open()}>
          Open log folder
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
