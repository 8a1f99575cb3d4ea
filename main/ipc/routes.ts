/**
 * Every IPC channel and the service method behind it. `satisfies Record<ChannelKey, …>` makes a
 * channel added to the contract without a handler here a compile error.
 */
import { REQUEST_SCHEMAS, type ChannelKey } from '../../common/ipc-contract';
import type { SettingsService } from '../settings/settings-service';
import type { Logger } from '../core/ports';
import { handle, IpcRouter, type RegisteredHandler } from './handle';
import type { OverlayServices } from '../application/overlay-services';

export function createIpcRouter(api: OverlayServices, settings: SettingsService, log: Logger): IpcRouter {
  const s = REQUEST_SCHEMAS;
  const handlers = {
    search: handle('search', s.search, (r) => api.search(r), log),
    getEntry: handle('getEntry', s.getEntry, (r) => api.getEntry(r.id, r.locale), log),
    copyEntry: handle('copyEntry', s.copyEntry, (r) => api.copyEntry(r.id, r.locale), log),
    prepareTemplate: handle('prepareTemplate', s.prepareTemplate, (r) => api.prepareTemplate(r.id, r.locale), log),
    renderTemplate: handle('renderTemplate', s.renderTemplate, (r) => api.renderTemplate(r.id, r.locale, r.values), log),
    insertReply: handle('insertReply', s.insertReply, (r) => api.insertReply(r.id, r.locale, r.values, r.adjustedText), log),
    copyReply: handle('copyReply', s.copyReply, (r) => api.copyReply(r.id, r.locale, r.values, r.adjustedText), log),
    recordUse: handle('recordUse', s.recordUse, async (r) => (await api.recordUse(r.id, r.locale), null), log),
    hideOverlay: handle('hideOverlay', s.hideOverlay, async () => (await api.hide(), null), log),
    openLink: handle('openLink', s.openLink, (r) => api.openLink(r.url), log),
    getSettings: handle('getSettings', s.getSettings, () => settings.view(), log),
    updateSettings: handle('updateSettings', s.updateSettings, (r) => settings.update(r), log),
    getStatus: handle('getStatus', s.getStatus, () => api.status(), log),
    resyncFromScratch: handle('resyncFromScratch', s.resyncFromScratch, () => api.resyncFromScratch(), log),
    openLogFolder: handle('openLogFolder', s.openLogFolder, () => api.openLogFolder(), log),
    flagEntry: handle('flagEntry', s.flagEntry, (r) => api.flag(r), log),
    getUsageReport: handle('getUsageReport', s.getUsageReport, () => api.usageReport(), log),
    openLibrary: handle('openLibrary', s.openLibrary, () => api.openLibrary(), log),
    lastReply: handle('lastReply', s.lastReply, async () => api.lastReply(), log),
    reportEdit: handle('reportEdit', s.reportEdit, (r) => api.reportEdit(r.text), log),
  } satisfies Record<ChannelKey, RegisteredHandler>;
  return new IpcRouter(Object.values(handlers));
}
