/**
 * The live sync as the app runs it, shared by main/index.ts and the browser harness so both
 * behave alike: every sync status change is pushed to the overlay (and to whatever else the
 * caller refreshes, e.g. the tray), and the engine starts listening. Saving a server URL and token
 * in Settings then reconnects it (createAppServices), and a refused token shows in the status.
 */
import type { AppStatusView } from '../../common/ipc-contract';
import type { AppServices } from './app-services';
import type { Logger } from './ports';

export function startLiveSync(
  app: Pick<AppServices, 'services' | 'sync' | 'flags'>,
  ports: { pushStatus(status: AppStatusView): void; onSyncStatus?: () => void; log: Logger },
): void {
  const push = () => app.services.status().then(ports.pushStatus, (error: unknown) => ports.log('could not read the status', error));
  app.sync.onStatus(() => {
    ports.onSyncStatus?.();
    void push();
  });
  // Flags waiting to be sent are part of the status bar too.
  app.flags.waiting.onChange(() => void push());
  app.sync.start().catch((error: unknown) => ports.log('sync could not start', error));
}
