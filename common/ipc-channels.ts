/**
 * Channel names only, free of zod, so the sandboxed preload can import them without
 * bundling the schema library. Request/response shapes live in ipc-contract.ts.
 */
export const CHANNELS = {
  search: 'cuecard:search',
  getEntry: 'cuecard:get-entry',
  copyEntry: 'cuecard:copy-entry',
  prepareTemplate: 'cuecard:prepare-template',
  renderTemplate: 'cuecard:render-template',
  insertReply: 'cuecard:insert-reply',
  copyReply: 'cuecard:copy-reply',
  recordUse: 'cuecard:record-use',
  hideOverlay: 'cuecard:hide-overlay',
  openLink: 'cuecard:open-link',
  getSettings: 'cuecard:get-settings',
  updateSettings: 'cuecard:update-settings',
  getStatus: 'cuecard:get-status',
  resyncFromScratch: 'cuecard:resync-from-scratch',
  openLogFolder: 'cuecard:open-log-folder',
  flagEntry: 'cuecard:flag-entry',
  getUsageReport: 'cuecard:get-usage-report',
  openLibrary: 'cuecard:open-library',
  // Issue #18: the last inserted or copied reply, and the agent's report of how they edited it.
  lastReply: 'cuecard:last-reply',
  reportEdit: 'cuecard:report-edit',
} as const;
export type ChannelKey = keyof typeof CHANNELS;


/** The app:// origin pages are served from; IPC senders must match protocol and host. */
export const APP_PROTOCOL = 'app';
export const APP_HOST = 'cuecard';
export const APP_ENTRY_URL = `${APP_PROTOCOL}://${APP_HOST}/index.html`;

/** The one main → renderer event channel (payload: OverlayEvent). */
export const EVENT_CHANNEL = 'cuecard:event';
