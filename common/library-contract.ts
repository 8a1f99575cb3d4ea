/**
 * The contract between the Library window and main (issue #14): request schemas main validates,
 * the answers it gives, and `window.cuecardLibrary` (one function per channel, each answering the
 * overlay's `{ ok, value } | { ok: false, error }`). The renderer imports this file as types only.
 */
import { z } from 'zod';
import { EntryIdSchema, EntryKindSchema, LocaleSchema, MAX_TAGS, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from './knowledge';
import type { IpcResult, TemplateVariable } from './ipc-contract';
import { EmptySchema, VariableValuesSchema, wellFormedRequests } from './ipc-contract';
import type { LibraryRecord, MeResponse, VersionContent } from './library-protocol';
import type { HistoryItem, QueueItem } from './review-protocol';
import { MAX_REVIEW_COMMENT_LENGTH, MAX_VERIFICATION_INTERVAL_DAYS, MIN_VERIFICATION_INTERVAL_DAYS } from './workflow-rules';
import type { LibraryChannelKey } from './library-channels';
import { ListedKeySchema, type ListedKey } from './signing/key-list';
import { REPORT_NAMES, type ReportName } from './signals/signal-protocol';
import { SYNONYM_DECISIONS, SYNONYM_STATES, type StoredSynonymRule } from './synonyms/synonym-protocol';
import { SynonymRuleSchema } from './synonyms/synonym-rules';
import { IMPORT_FORMATS } from './templates/import-formats';
import { MAX_IMPORT_CHARS } from './import/sources';
import type { PlanAction, PlanCounts } from './import/import-plan';
import { MAX_RETIRE_LOCALES, MAX_UNSIGNED_RETIREMENTS, type UnsignedRetirements } from './signing/retirement-protocol';

/**
 * What the editor holds: the entry's fields and the version the edit started from (0: new).
 * The body is not capped here: an oversize body is refused by the save with the limit named
 * (common/knowledge.ts's MAX_BODY_LENGTH), and kept locally meanwhile. The cap is the transport's.
 */
export const EditorDraftSchema = z
  .object({
    id: EntryIdSchema,
    locale: LocaleSchema,
    kind: EntryKindSchema,
    title: z.string().max(MAX_TITLE_LENGTH * 4),
    body: z.string().max(4_000_000),
    tags: z.array(z.string().max(200)).max(MAX_TAGS * 2),
    urlOrPath: z.string().max(MAX_URL_LENGTH).nullable(),
    owner: z.string().max(200),
    verificationIntervalDays: z.number().int().min(MIN_VERIFICATION_INTERVAL_DAYS).max(MAX_VERIFICATION_INTERVAL_DAYS),
    baseVersion: z.number().int().nonnegative(),
    /** The revision of the draft `baseVersion` the edit started from, when it is a draft: Ctrl+S then updates it in place. */
    baseRevision: z.number().int().nonnegative().optional(),
  })
  .strict();
export type EditorDraft = z.infer<typeof EditorDraftSchema>;

const EntryRef = z.object({ id: EntryIdSchema, locale: LocaleSchema }).strict();
export const LIBRARY_ACTIONS = ['approve', 'reject', 'verify', 'confirm-translation', 'rollback'] as const;
export const LibraryActionSchema = z
  .object({
    id: EntryIdSchema,
    locale: LocaleSchema,
    action: z.enum(LIBRARY_ACTIONS),
    /** The version the lead read (approve, send back); the version to return to (rollback). */
    version: z.number().int().positive().optional(),
    comment: z.string().trim().min(1).max(MAX_REVIEW_COMMENT_LENGTH).optional(),
  })
  .strict();
export type LibraryAction = z.infer<typeof LibraryActionSchema>;

export const LIBRARY_REQUEST_SCHEMAS = wellFormedRequests({
  session: EmptySchema,
  load: z.object({ refresh: z.boolean() }).strict(),
  search: z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(100_000) }).strict(),
  getEntry: EntryRef,
  keepDraft: EditorDraftSchema,
  discardDraft: EntryRef,
  saveDraft: EditorDraftSchema,
  submit: EditorDraftSchema,
  checkTemplate: z.object({ body: z.string().max(4_000_000), values: VariableValuesSchema }).strict(),
  queue: EmptySchema,
  history: EntryRef,
  version: EntryRef.extend({ version: z.number().int().positive() }).strict(),
  act: LibraryActionSchema,
  // ---- the lead's approver key (issue #15) ----
  approverKey: EmptySchema,
  createApproverKey: EmptySchema,
  registerApproverKey: z.object({ name: ListedKeySchema.shape.name }).strict(),
  // Reports and synonyms (issue #18)
  report: z.object({ name: z.enum(REPORT_NAMES) }).strict(),
  synonymRules: z.object({ state: z.enum(SYNONYM_STATES) }).strict(),
  addSynonym: z.object({ rule: SynonymRuleSchema, replaces: z.uuid().optional() }).strict(),
  decideSynonym: z.object({ ruleId: z.uuid(), action: z.enum(SYNONYM_DECISIONS) }).strict(),
  importChoose: z.object({ format: z.enum(IMPORT_FORMATS) }).strict(),
  importText: z.object({ format: z.enum(IMPORT_FORMATS), name: z.string().min(1).max(500), text: z.string().max(MAX_IMPORT_CHARS) }).strict(),
  importSubmit: z.object({ planId: z.string().min(1).max(100), skipBadRows: z.boolean() }).strict(),
  // ---- a replacement approver key (issue #15 leftovers) ----
  replaceApproverKey: EmptySchema,
  // ---- retiring, signed with the lead's approver key; unsigned retirements signed afterwards (issue #15 leftovers) ----
  retire: z.object({ id: EntryIdSchema, locales: z.array(LocaleSchema).min(1).max(MAX_RETIRE_LOCALES) }).strict(),
  unsignedRetirements: EmptySchema,
  signRetirements: z
    .object({ items: z.array(z.object({ id: EntryIdSchema, locale: LocaleSchema, version: z.number().int().positive().max(2_147_483_647) }).strict()).min(1).max(MAX_UNSIGNED_RETIREMENTS) })
    .strict(),
} satisfies Record<LibraryChannelKey, z.ZodType>);

/** One line of the list: what the filters and sorts read, without the bodies. */
export interface LibraryRow {
  id: string;
  locale: string;
  kind: 'template' | 'article';
  title: string;
  state: LibraryRecord['state'];
  version: number;
  owner: string;
  author: string;
  tags: string[];
  updatedAt: string;
  verificationDueAt: string | null;
  /** Due for verification now (main's clock). */
  due: boolean;
  flagged: boolean;
  stale: boolean;
  /** A local draft with unsaved edits exists for it. */
  unsaved: boolean;
}

export interface LibrarySession extends MeResponse {
  serverUrl: string;
  /** The server's limits (common/knowledge.ts), so the page can say them without importing zod. */
  maxBodyLength: number;
  maxTitleLength: number;
  /** The app chooses an import file in an OS dialog read by main; false: the page's file input (the harness). */
  importDialog: boolean;
  /** The most one import file may hold (common/import/sources.ts's MAX_IMPORT_CHARS). */
  maxImportChars: number;
}

export interface LibraryEntryView {
  record: LibraryRecord | null;
  /** The other locales of the same id, for the side-by-side view. */
  variants: LibraryRecord[];
  /** Unsaved edits kept on this computer, if any. */
  localDraft: EditorDraft | null;
}

export type TemplateCheck =
  | { ok: true; variables: TemplateVariable[]; preview: { text: string; html: string | null } | null; previewError: string | null }
  | { ok: false; message: string; line: number | null; column: number | null };

/** What each Library channel answers; channels that answer the same view are named together. */
export type LibraryResponseTypes = Record<'getEntry' | 'saveDraft' | 'submit' | 'act', LibraryEntryView> &
  Record<'approverKey' | 'createApproverKey' | 'registerApproverKey' | 'replaceApproverKey', ApproverKeyView> &
  Record<'keepDraft' | 'discardDraft', null> &
  Record<'synonymRules' | 'addSynonym', { rules: StoredSynonymRule[] }> & {
    session: LibrarySession;
    load: { rows: LibraryRow[]; loadedAt: string };
    search: { keys: Array<{ id: string; locale: string }> };
    checkTemplate: TemplateCheck;
    queue: { items: QueueItem[] };
    history: { items: HistoryItem[] };
    version: VersionContent;
    /** null: the lead closed the file dialog without choosing. */
    importChoose: ImportPlanView | null;
    importText: ImportPlanView;
    importSubmit: ImportSubmissionView;
    report: LibraryReport;
    decideSynonym: { rule: StoredSynonymRule; version: number };
    retire: { outcomes: RetireOutcome[]; entry: LibraryEntryView };
    unsignedRetirements: UnsignedRetirements;
    signRetirements: { outcomes: SignRetirementOutcome[]; remaining: UnsignedRetirements };
  };

/** A report as the Library shows it: this week unless the server says otherwise. */
export interface LibraryReport {
  report: ReportName;
  since: string;
  until: string;
  rows: Array<Record<string, string | number | null>>;
}

export type LibraryRequestOf<K extends LibraryChannelKey> = z.input<(typeof LIBRARY_REQUEST_SCHEMAS)[K]>;
export type LibraryParsedRequestOf<K extends LibraryChannelKey> = z.output<(typeof LIBRARY_REQUEST_SCHEMAS)[K]>;

/** `window.cuecardLibrary`: what the preload (and the harness bridge) expose to the Library page. */
export type LibraryApi = {
  [K in LibraryChannelKey]: (request: LibraryRequestOf<K>) => Promise<IpcResult<LibraryResponseTypes[K]>>;
} & {
  /** Main's events for the page (LIBRARY_EVENT_CHANNEL); answers the function that unsubscribes. */
  subscribe(listener: (event: LibraryEvent) => void): () => void;
};

// ---- the lead's approver key (issue #15) -----------------------------------------------
/**
 * This computer's approver key as the Library shows it: only the public half (the private half
 * stays sealed in main), where it is registered, and its standing in the server's org key list.
 */
export interface ApproverKeyView {
  /** `ed25519:` + base64, or null before the key is made. */
  publicKey: string | null;
  /** The name the current server took it under (as this computer registered it), or null. */
  registeredAs: string | null;
  /** Approvals must be signed: a root key is pinned here, or the server holds an org key list. */
  signingRequired: boolean;
  /** The server's signed org key list, null when it has none. */
  keyList: {
    version: number;
    /** Checked against the pinned root key; `not_checked` when none is pinned. */
    rootSignature: 'verified' | 'invalid' | 'not_checked';
    /** This key's line in it (its name, valid-from and revocation), or null when it does not name it. */
    entry: ListedKey | null;
  } | null;
}
// ---- bulk import (issue #14) ------------------------------------------------------------
/** One record of a dry run, as the Library lists it (common/import/import-plan.ts's PlanItem, without the body). */
export interface ImportPlanRow {
  from: string;
  action: PlanAction;
  reason: string;
  id: string;
  locale: string;
  kind: 'template' | 'article';
  title: string;
}

/** A dry run: nothing was sent. Main keeps the plan itself under `planId`; the page only names it. */
export interface ImportPlanView {
  planId: string;
  file: string;
  format: (typeof IMPORT_FORMATS)[number];
  counts: PlanCounts;
  /** The first MAX_IMPORT_ROWS_SHOWN records; `counts` has them all. */
  rows: ImportPlanRow[];
  /** `"row 3: <why>"`: every record that cannot be imported (a spreadsheet's row numbers, the header being row 1). */
  bad: string[];
  warnings: string[];
  /** False when the file as a whole could not be read: nothing of it can be submitted. */
  readable: boolean;
}
export const MAX_IMPORT_ROWS_SHOWN = 1000;

export type ImportSubmissionView =
  | { status: 'submitted'; file: string; counts: PlanCounts; submitted: number; skipped: string[] }
  /** Bad records without "skip bad rows", or an unreadable file: nothing was sent. */
  | { status: 'refused'; message: string }
  /** The server changed since the dry run: nothing was sent; `plan` is the fresh dry run. */
  | { status: 'stale'; plan: ImportPlanView; differences: string[] };

// ---- live refresh (issue #14) -----------------------------------------------------------
/**
 * Main → the Library page: entries changed on the server (another lead saved, submitted, approved…).
 * `ids` are the changed entries' ids, or null when too many changed to name (the whole list was
 * re-read). Main checks each event against this schema before it is sent.
 */
export const LibraryEventSchema = z
  .object({ type: z.literal('changed'), ids: z.array(EntryIdSchema).max(1000).nullable() })
  .strict();
export type LibraryEvent = z.infer<typeof LibraryEventSchema>;

// ---- retiring from the Library (issue #15 leftovers) ---------------------------------------
/** Each locale's retirement: the live version retired (signed or not), or why the server or the key refused it. */
export type RetireOutcome = { locale: string; ok: true; version: number; signed: boolean } | { locale: string; ok: false; message: string };
export type SignRetirementOutcome = { id: string; locale: string; ok: true } | { id: string; locale: string; ok: false; message: string };
