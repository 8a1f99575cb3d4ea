/** Connects the IPC router to Electron: `invoke` handlers only, the sender frame's URL passed on for the check. */
import type { IpcMain } from 'electron';
import type { IpcRouter } from '../ipc/handle';

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, router: IpcRouter): void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, payload: unknown) => router.dispatch(channel, event.senderFrame?.url, payload));
  }
}
