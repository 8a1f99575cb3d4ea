/** The one-line sync status the overlay and tray show, e.g. "offline, last synced 3 min ago". */
import type { SyncStatusView } from '../../common/ipc-contract';
import { assertNever } from '../../common/assert-never';

export function describeSyncStatus(status: SyncStatusView, now: Date): string {
  const ago = status.lastSyncAt ? timeAgo(Date.parse(status.lastSyncAt), now.getTime()) : null;
  switch (status.state) {
    case 'not_configured':
      return 'sync not set up';
    case 'syncing':
      return 'syncing…';
    case 'online':
      return ago ? `online, last synced ${ago}` : 'online';
    case 'offline':
      return ago ? `offline, last synced ${ago}` : 'offline, never synced';
    default:
      return assertNever(status.state, 'sync state');
  }
}

function timeAgo(then: number, now: number): string {
  if (!Number.isFinite(then)) return 'at an unknown time';
  const seconds = Math.max(0, (now - then) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
