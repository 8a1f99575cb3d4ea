/**
 * Signed auto-updates through electron-updater, on the channel IT pins by policy. Only packaged
 * builds update; a failed check is logged and retried on the next interval, never shown as a crash.
 */
import type { AppUpdater } from 'electron-updater';

const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export function startAutoUpdates(updater: AppUpdater, channel: 'stable' | 'beta', log: (m: string, e?: unknown) => void): () => void {
  updater.channel = channel === 'stable' ? 'latest' : 'beta';
  updater.allowDowngrade = false;
  updater.autoInstallOnAppQuit = true;
  const check = (): void => {
    updater.checkForUpdatesAndNotify().catch((error: unknown) => log('update check failed', error));
  };
  check();
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  return () => clearInterval(timer);
}
