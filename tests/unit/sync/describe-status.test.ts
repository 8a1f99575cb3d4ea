import { describe, expect, it } from 'vitest';
import { describeSyncStatus } from '../../../main/sync/describe-status';

const now = new Date('2026-03-01T12:00:00.000Z');
const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();

describe('describeSyncStatus', () => {
  it('says how long ago an offline client last synced', () => {
    expect(describeSyncStatus({ state: 'offline', lastSyncAt: at(3 * 60_000), cursor: 4, lastError: 'x' }, now)).toBe(
      'offline, last synced 3 min ago',
    );
    expect(describeSyncStatus({ state: 'offline', lastSyncAt: at(10_000), cursor: 4, lastError: null }, now)).toBe(
      'offline, last synced just now',
    );
    expect(describeSyncStatus({ state: 'offline', lastSyncAt: at(5 * 3600_000), cursor: 4, lastError: null }, now)).toBe(
      'offline, last synced 5 h ago',
    );
    expect(describeSyncStatus({ state: 'offline', lastSyncAt: at(5 * 86400_000), cursor: 4, lastError: null }, now)).toBe(
      'offline, last synced 5 days ago',
    );
    expect(describeSyncStatus({ state: 'offline', lastSyncAt: null, cursor: 0, lastError: null }, now)).toBe('offline, never synced');
  });

  it('names the other states', () => {
    expect(describeSyncStatus({ state: 'online', lastSyncAt: at(60_000), cursor: 1, lastError: null }, now)).toBe(
      'online, last synced 1 min ago',
    );
    expect(describeSyncStatus({ state: 'syncing', lastSyncAt: null, cursor: 0, lastError: null }, now)).toBe('syncing…');
    expect(describeSyncStatus({ state: 'not_configured', lastSyncAt: null, cursor: 0, lastError: null }, now)).toBe('sync not set up');
  });
});
