import { useState } from 'react';
import { api, call, describeError } from '../api';

/**
 * Settings → "Resync from scratch": fetches the server's whole knowledge base again and then
 * replaces the local copy in one switch; until then the current entries stay searchable.
 */
export function ResyncButton({ configured }: { configured: boolean }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const resync = async () => {
    const result = await call(() => api().resyncFromScratch({}));
    setMessage(
      result.ok
        ? { text: 'Resync started. The current entries stay until the full knowledge base has arrived.', error: false }
        : { text: describeError(result.error), error: true },
    );
  };
  return (
    <div className="setting">
      <div className="actions">
        <button type="button" disabled={!configured} onClick={() => void resync()}>
          Resync from scratch
        </button>
      </div>
      {message && (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
