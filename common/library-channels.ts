import { APP_HOST, APP_PROTOCOL, pageChannels } from './ipc-channels';

/**
 * The Library window's IPC channel names (issue #14), free of zod like common/ipc-channels.ts so
 * the sandboxed preload can import them. Main answers them only to app://cuecard/library.html and
 * only for a lead or admin token (the role comes from the server).
 */
export const LIBRARY_CHANNELS = pageChannels('library', [
  'session',
  'load',
  'search',
  'getEntry',
  'keepDraft',
  'discardDraft',
  'saveDraft',
  'submit',
  'checkTemplate',
  'queue',
  'history',
  'version',
  'act',
  // ---- the lead's approver key (issue #15; main/application/approver-key-services.ts) ----
  'approverKey',
  'createApproverKey',
  'registerApproverKey',
  // Reports and synonyms (issue #18)
  'report',
  'synonymRules',
  'addSynonym',
  'decideSynonym',
  // Bulk import (issue #14): a dry run from a file main reads (dialog) or the page read (file input), then the submission.
  'importChoose',
  'importText',
  'importSubmit',
  // ---- a replacement approver key after a revocation or a loss (issue #15 leftovers) ----
  'replaceApproverKey',
  // ---- retiring, signed with the lead's approver key; unsigned retirements signed afterwards (issue #15 leftovers) ----
  'retire',
  'unsignedRetirements',
  'signRetirements',
]);
export type LibraryChannelKey = keyof typeof LIBRARY_CHANNELS;

/** The page the Library channels answer (sender check: protocol, host and this path). */
export const LIBRARY_PAGE_PATH = '/library.html';
export const LIBRARY_ENTRY_URL = `${APP_PROTOCOL}://${APP_HOST}${LIBRARY_PAGE_PATH}`;

/** Main → the Library page: the server's entries changed (common/library-contract.ts's LibraryEventSchema). */
export const LIBRARY_EVENT_CHANNEL = 'library:event';
