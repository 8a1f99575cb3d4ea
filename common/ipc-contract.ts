/**
 * The one contract between the overlay renderer and the main process.
 * Main validates every request against these schemas; the renderer imports this file
 * with `import type` only, so zod never ships in the renderer bundle.
 */
import { z } from 'zod';
import { EntryIdSchema, EntryKindSchema, LocaleSchema, ReviewStateSchema } from './knowledge';
import type { KnowledgeEntry } from './knowledge';
import { findIllFormedText, illFormedMessage } from './text/well-formed';
import { FlagReasonSchema, commentSchema } from './review-protocol';
import { MAX_FLAG_COMMENT_LENGTH } from './workflow-rules';
import type { VariableContext } from './templates/prefill-tag';
import type { Prefill } from './templates/prefill-match';

export const ErrorCodeSchema = z.enum([
  'bad_request',
  'forbidden_sender',
  'unknown_channel',
  'not_found',
  'invalid_hotkey',
  'hotkey_taken',
  'template_error',
  'unavailable',
  'internal',
  // The Library (common/library-contract.ts): not a lead's token; a save on a stale base; any other refusal of the server.
  'forbidden_role',
  'conflict',
  'refused',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export interface IpcError {
  code: ErrorCode;
  message: string;
}
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** [start, end) character ranges into the string they accompany. */
export const RangeSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Range = z.infer<typeof RangeSchema>;

// ---- search -------------------------------------------------------------
export const SearchRequestSchema = z.object({
  query: z.string().max(500),
  locale: LocaleSchema.optional(),
  kind: EntryKindSchema.optional(),
  tags: z.array(z.string().min(1).max(100)).max(20).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type SearchRequest = z.infer<typeof SearchRequestSchema>;

export interface SearchHit {
  id: string;
  locale: string;
  kind: 'template' | 'article';
  title: string;
  /** A short excerpt of the body around the best match (or its start). */
  snippet: string;
  titleHighlights: Range[];
  snippetHighlights: Range[];
  score: number;
  tags: string[];
  /** True when the hit is in a fallback locale rather than the one asked for. */
  fallback: boolean;
  approvedBy: string | null;
  approvedAt: string | null;
  reviewState: z.infer<typeof ReviewStateSchema>;
  /** Review status from the synced data (issue #13); see common/review-badges.ts. */
  verificationDueAt: string | null;
  staleTranslation: boolean;
  sourceLocale: string | null;
  /** Signed knowledge (issue #15): verified approvers by key-list name; null = unsigned (no org root key pinned). */
  signedBy: string[] | null;
}
export interface SearchResponse {
  hits: SearchHit[];
  /** Set when the query was empty and the list shows recent/frequent entries instead. */
  recent: boolean;
}

// ---- entries ------------------------------------------------------------
export const EntryRefSchema = z.object({ id: EntryIdSchema, locale: LocaleSchema });

/** An entry as the overlay shows it: the stored entry, plus what main rendered of it. */
export interface EntryView extends KnowledgeEntry {
  // Review fields are always present on what the overlay shows (optional on the wire for older servers).
  verificationDueAt: string | null;
  staleTranslation: boolean;
  sourceLocale: string | null;
  /** As SearchHit's: verified approvers, or null (unsigned). */
  signedBy: string[] | null;
  /**
   * For templates: the reply rendered with `[Customer first name]` markers where values go,
   * so the preview reads like the message the customer will get. Null for articles.
   */
  preview: RenderedReply | null;
  /** Set when a template does not parse: the agent sees it and cannot insert it. */
  templateError: string | null;
}

/** The agent flags the entry they are looking at as outdated or wrong (issue #13). */
export const FlagEntryRequestSchema = EntryRefSchema.extend({
  reason: FlagReasonSchema,
  comment: commentSchema(MAX_FLAG_COMMENT_LENGTH),
}).strict();
export type FlagEntryRequest = z.infer<typeof FlagEntryRequestSchema>;
export interface FlagOutcome {
  /** Flags still waiting to be sent (this one included while offline). */
  waiting: number;
}

// ---- templates ----------------------------------------------------------
export const VariableTypeSchema = z.enum(['text', 'email', 'date', 'amount', 'number', 'multiline']);
export type VariableType = z.infer<typeof VariableTypeSchema>;
export interface TemplateVariable {
  /** Dotted Liquid path, e.g. `customer.first_name`. */
  name: string;
  label: string;
  type: VariableType;
  defaultValue: string | null;
  /** Declared by `{% prefill %}` (issue #18): where a value may come from; absent when not declared. */
  context?: VariableContext;
  /** A value found in the agent's context when the overlay opened: shown highlighted, never inserted unseen. */
  prefill?: Prefill;
}
export type TemplatePreparation =
  | { ok: true; variables: TemplateVariable[] }
  | { ok: false; message: string };

export const VariableValuesSchema = z.record(z.string().max(200), z.string().max(10_000));
export const RenderRequestSchema = EntryRefSchema.extend({ values: VariableValuesSchema });
/** The most an agent's adjusted reply may hold ("Adjust before insert", issue #18). */
export const MAX_ADJUSTED_REPLY_CHARS = 100_000;
/** Insert: the rendered reply, or the text the agent adjusted it to (then pasted as plain text). */
export const InsertRequestSchema = RenderRequestSchema.extend({ adjustedText: z.string().max(MAX_ADJUSTED_REPLY_CHARS).optional() });
/** "Report my edit" (issue #18): the reply as the agent sent it after Cuecard pasted or copied it. */
export const ReportEditSchema = z.object({ text: z.string().max(MAX_ADJUSTED_REPLY_CHARS) });
/** The last inserted or copied reply while its edit can still be reported. */
export interface LastReplyView {
  id: string;
  locale: string;
  title: string;
  delivery: 'inserted' | 'copied';
  /** What Cuecard pasted or copied. */
  text: string;
  /** When reporting its edit closes (ISO time). */
  until: string;
}
export interface EditReport {
  id: string;
  locale: string;
  /** The edit ratio counted (0 untouched … 1 rewritten). */
  ratio: number;
  message: string;
}
export interface RenderedReply {
  text: string;
  html: string | null;
}

export interface InsertOutcome {
  /** `pasted`: sent to the app the agent came from; `copied`: on the clipboard, agent must paste. */
  delivery: 'pasted' | 'copied';
  message: string;
}

// ---- settings -----------------------------------------------------------
export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export const PasteModeSchema = z.enum(['paste', 'copy']);
export const SettingsUpdateSchema = z
  .object({
    hotkey: z.string().min(1).max(100),
    locale: LocaleSchema,
    fallbackLocales: z.array(LocaleSchema).max(10),
    pasteMode: PasteModeSchema,
    restoreClipboard: z.boolean(),
    theme: ThemeSchema,
    serverUrl: z.union([z.string().url().max(2000), z.literal('')]),
    token: z.string().max(2000),
    /** Signed knowledge: `ed25519:…` pins the org root key, '' unpins it (when no policy pins it). */
    orgRootKey: z.string().max(100),
    usageReports: z.boolean(),
    /** Issue #18: read the clipboard (and on Linux the selection) when the overlay opens, for `{% prefill %}` fields. */
    contextCapture: z.boolean(),
  })
  .partial()
  .strict();
export type SettingsUpdate = z.infer<typeof SettingsUpdateSchema>;

export interface SettingsView {
  hotkey: string;
  /** Set when the hotkey could not be registered (another app owns it). */
  hotkeyProblem: string | null;
  locale: string;
  fallbackLocales: string[];
  pasteMode: z.infer<typeof PasteModeSchema>;
  restoreClipboard: boolean;
  theme: z.infer<typeof ThemeSchema>;
  serverUrl: string;
  hasToken: boolean;
  /** The pinned org root key (policy or agent), '' when none: entries are then shown as *unsigned*. */
  orgRootKey: string;
  /** Usage counts go to the knowledge server with the sync (Settings → What Cuecard reports). */
  usageReports: boolean;
  /** `{% prefill %}` fields are filled from what the agent copied or selected (off by default). */
  contextCapture: boolean;
  /** Fields pinned by IT's managed policy; the settings page shows them read-only. */
  pinned: string[];
}

// ---- status -------------------------------------------------------------
export interface SyncStatusView {
  state: 'online' | 'offline' | 'syncing' | 'not_configured';
  lastSyncAt: string | null;
  cursor: number;
  lastError: string | null;
}
export interface AppStatusView {
  entries: number;
  locales: string[];
  /** Things the agent must be told once, e.g. a corrupt database that was moved aside. */
  notices: string[];
  sync: SyncStatusView;
  /** Flags raised while offline (or not yet acknowledged), waiting to be sent. */
  flagsWaiting: number;
}

export const EmptySchema = z.union([z.undefined(), z.null(), z.object({}).strict()]);
export const OpenLinkSchema = z.object({ url: z.string().max(4000) });

/**
 * Every string of every request, object keys included, must be well-formed text (no lone
 * surrogate, no NUL: common/text/well-formed.ts): one refinement per channel schema, so a field
 * added later cannot be forgotten.
 */
export function wellFormedRequests<T extends Record<string, z.ZodType>>(schemas: T): T {
  const refined = Object.entries(schemas).map(([key, schema]) => [
    key,
    schema.superRefine((value, ctx) => {
      const found = findIllFormedText(value);
      if (found) ctx.addIssue({ code: 'custom', path: found.path, message: illFormedMessage('the text', found.reason) });
    }),
  ]);
  return Object.fromEntries(refined) as T;
}

/**
 * Settings → "What Cuecard reports" (issue #18): exactly what waits to be sent to the knowledge
 * server — counts per day, not texts, except a missed search's text when the policy allows it.
 */
export interface UsageReportView {
  enabled: boolean;
  /** The policy lets missed searches' text leave (otherwise only a hash of each does). */
  queryTextSent: boolean;
  items: Array<{
    day: string;
    kind: string;
    key: string;
    locale: string;
    n: number;
    queryText: string | null;
    waiting: boolean;
    /** `edited`: the sum of the edit ratios. */
    ratioSum: number | null;
    /** An edit still held while the agent may report a later one (ISO time it is counted); null otherwise. */
    heldUntil: string | null;
    /** The item exactly as it will be sent (JSON), or as it will be counted for a held edit. */
    sentAs: string;
  }>;
}

export { CHANNELS, type ChannelKey } from './ipc-channels';
import type { ChannelKey } from './ipc-channels';

export const REQUEST_SCHEMAS = wellFormedRequests({
  search: SearchRequestSchema,
  getEntry: EntryRefSchema,
  copyEntry: EntryRefSchema,
  prepareTemplate: EntryRefSchema,
  renderTemplate: RenderRequestSchema,
  insertReply: InsertRequestSchema,
  copyReply: InsertRequestSchema,
  recordUse: EntryRefSchema,
  hideOverlay: EmptySchema,
  openLink: OpenLinkSchema,
  getSettings: EmptySchema,
  updateSettings: SettingsUpdateSchema,
  getStatus: EmptySchema,
  resyncFromScratch: EmptySchema,
  openLogFolder: EmptySchema,
  flagEntry: FlagEntryRequestSchema,
  getUsageReport: EmptySchema,
  openLibrary: EmptySchema,
  lastReply: EmptySchema,
  reportEdit: ReportEditSchema,
} satisfies Record<ChannelKey, z.ZodType>);

export interface ResponseTypes {
  search: SearchResponse;
  getEntry: EntryView;
  copyEntry: RenderedReply;
  prepareTemplate: TemplatePreparation;
  renderTemplate: RenderedReply;
  insertReply: InsertOutcome;
  copyReply: RenderedReply;
  recordUse: null;
  hideOverlay: null;
  openLink: { opened: boolean };
  getSettings: SettingsView;
  updateSettings: SettingsView;
  getStatus: AppStatusView;
  /** Settings → "Resync from scratch": started; the status follows the pull. */
  resyncFromScratch: SyncStatusView;
  openLogFolder: null;
  flagEntry: FlagOutcome;
  getUsageReport: UsageReportView;
  /** The overlay's key for the Library window (issue #14); refused with `forbidden_role` for an agent. */
  openLibrary: null;
  /** null: no reply in the last minutes (or reporting is off). */
  lastReply: LastReplyView | null;
  reportEdit: EditReport;
}
export type RequestOf<K extends ChannelKey> = z.input<(typeof REQUEST_SCHEMAS)[K]>;
export type ParsedRequestOf<K extends ChannelKey> = z.output<(typeof REQUEST_SCHEMAS)[K]>;

/**
 * What the preload exposes as `window.cuecard`: one named async function per channel,
 * each answering an `IpcResult`. The harness bridge implements the same interface.
 */
export type CuecardInvokers = {
  [K in ChannelKey]: (request: RequestOf<K>) => Promise<IpcResult<ResponseTypes[K]>>;
};

/** Pushed from main to the overlay (one-way `webContents.send`, never a synchronous call). */
export type OverlayEvent =
  | { type: 'shown'; at: number }
  | { type: 'hidden' }
  | { type: 'status'; status: AppStatusView }
  | { type: 'settings'; settings: SettingsView }
  | { type: 'open-settings' };

export interface CuecardApi extends CuecardInvokers {
  /** Listen to overlay events; returns the unsubscribe function. */
  subscribe(listener: (event: OverlayEvent) => void): () => void;
}

export { APP_PROTOCOL, APP_HOST } from './ipc-channels';
