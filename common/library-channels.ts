/**
 * The Library window's IPC channel names (issue #14), free of zod like common/ipc-channels.ts so
 * the sandboxed preload can import them. Main answers them only to app://cuecard/library.html and
 * only for a lead or admin token (the role comes from the server).
 */
export const LIBRARY_CHANNELS = {
  session: 'library:session',
  load: 'library:load',
  search: 'library:search',
  getEntry: 'library:get-entry',
  keepDraft: 'library:keep-draft',
  discardDraft: 'library:discard-draft',
  saveDraft: 'library:save-draft',
  submit: 'library:submit',
  checkTemplate: 'library:check-template',
  queue: 'library:queue',
  history: 'library:history',
  version: 'library:version',
  act: 'library:act',
  // ---- the lead's approver key (issue #15; main/application/approver-key-services.ts) ----
  approverKey: 'library:approver-key',
  createApproverKey: 'library:create-approver-key',
  registerApproverKey: 'library:register-approver-key',
  // Reports and synonyms (issue #18)
  report: 'library:report',
  synonymRules: 'library:synonym-rules',
  addSynonym: 'library:add-synonym',
  decideSynonym: 'library:decide-synonym',
  // Bulk import (issue #14): a dry run from a file main reads (dialog) or the page read (file input), then the submission.
  importChoose: 'library:import-choose',
  importText: 'library:import-text',
  importSubmit: 'library:import-submit',
  // ---- a replacement approver key after a revocation or a loss (issue #15 leftovers) ----
  replaceApproverKey: 'library:replace-approver-key',
  // ---- retiring, signed with the lead's approver key; unsigned retirements signed afterwards (issue #15 leftovers) ----
  retire: 'library:retire',
  unsignedRetirements: 'library:unsigned-retirements',
  signRetirements: 'library:sign-retirements',
} as const;
export type LibraryChannelKey = keyof typeof LIBRARY_CHANNELS;

import { APP_HOST, APP_PROTOCOL } from './ipc-channels';

/** The page the Library channels answer (sender check: protocol, host and this path). */
export const LIBRARY_PAGE_PATH = '/library.html';
export const LIBRARY_ENTRY_URL = `${APP_PROTOCOL}://${APP_HOST}${LIBRARY_PAGE_PATH}`;

/** Main → the Library page: the server's entries changed (common/library-contract.ts's LibraryEventSchema). */
export const LIBRARY_EVENT_CHANNEL = 'library:event';
