import { memo } from 'react';
import type { AppStatusView, SyncStatusView } from '../../../common/ipc-contract';
import { assertNever } from '../../../common/assert-never';
import { timeAgo } from '../lib/time';
import { primaryKeyLabel } from '../lib/platform';

function syncLabel(sync: SyncStatusView): string {
  switch (sync.state) {
    case 'online':
      return sync.lastSyncAt ? `Online, synced ${timeAgo(sync.lastSyncAt)}` : 'Online';
    case 'syncing':
      return 'Syncing…';
    case 'offline': {
      const since = sync.lastSyncAt ? `Offline, last synced ${timeAgo(sync.lastSyncAt)}` : 'Offline, never synced';
      // Why it is offline, in words (e.g. "the server refused the token (401): …"): the agent can act on it.
      return sync.lastError ? `${since}: ${sync.lastError}` : since;
    }
    case 'not_configured':
      return 'Local knowledge base';
    default:
      return assertNever(sync.state);
  }
}

export type ViewName = 'search' | 'form' | 'reader' | 'flag' | 'settings' | 'template-error' | 'report-edit';

function hints(view: ViewName): string[] {
  switch (view) {
    case 'search':
      return ['↑↓ move', 'Enter open', `${primaryKeyLabel}+C copy`, 'Esc close'];
    case 'form':
      return ['Tab next field', `${primaryKeyLabel}+Enter insert`, 'Esc back'];
    case 'reader':
      return ['Tab links', `${primaryKeyLabel}+C copy`, `${primaryKeyLabel}+Shift+F flag`, 'Esc back'];
    case 'flag':
      return [`${primaryKeyLabel}+Enter send`, 'Esc back'];
    case 'report-edit':
      return [`${primaryKeyLabel}+V paste`, `${primaryKeyLabel}+Enter report`, 'Esc back'];
    case 'settings':
    case 'template-error':
      return ['Esc back'];
    default:
      return assertNever(view);
  }
}

/** Sync state, size of the knowledge base and the keys that matter in the current view (memoised: not redrawn per keystroke). */
export const StatusBar = memo(function StatusBar({ status, view }: { status: AppStatusView | null; view: ViewName }) {
  const sync = status?.sync;
  return (
    <footer className="status-bar">
      <span className={`sync sync-${sync?.state ?? 'unknown'}`} title={sync?.lastError ?? undefined}>
        <span className="sync-dot" aria-hidden="true" />
        <span role="status">{sync ? syncLabel(sync) : 'Starting…'}</span>
      </span>
      {status && <span className="muted">{status.entries.toLocaleString()} entries</span>}
      {status && status.flagsWaiting > 0 && (
        <span className="flags-waiting" role="status">
          {status.flagsWaiting === 1 ? '1 flag waiting to be sent' : `${status.flagsWaiting} flags waiting to be sent`}
        </span>
      )}
      <span className="key-hints" aria-hidden="true">
        {hints(view).map((hint) => (
          <span key={hint}>{hint}</span>
        ))}
      </span>
    </footer>
  );
});
