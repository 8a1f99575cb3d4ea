/**
 * What the overlay asks of the main process, one method per IPC channel, in plain Node.
 * The IPC adapter (main/ipc/routes.ts) only validates and forwards; the behaviour lives here.
 */
import type {
  AppStatusView,
  EditReport,
  EntryView,
  FlagEntryRequest,
  FlagOutcome,
  InsertOutcome,
  LastReplyView,
  RenderedReply,
  SearchHit,
  SearchRequest,
  SearchResponse,
  SyncStatusView,
  TemplatePreparation,
  UsageReportView,
} from '../../common/ipc-contract';
import type { KnowledgeEntry } from '../../common/knowledge';
import { localeChain } from '../../common/locale';
import { safeLinkTarget } from '../../common/safe-link';
import { valuesWithMarkers } from '../../common/templates/field-markers';
import type {
  ClipboardPort,
  ExternalLinkPort,
  LogFolderPort,
  OverlayPort,
  RenderOutcome,
  ReplyDeliverer,
  TemplateRenderer,
} from '../core/ports';
import { reviewFieldsOf } from '../../common/review-badges';
import type { SearchService } from '../search/search-service';
import type { SettingsService } from '../settings/settings-service';
import type { KnowledgeStore } from '../store/knowledge-store';
import type { UsageStore } from '../store/usage-store';
import { DomainError } from '../core/domain-error';
import { NoServerError, type FlagSender } from '../flags/flag-sender';
import type { EntrySigning } from '../signing/entry-signing';
import { REFUSAL_TEXT } from '../../common/signing/verify-entry';
import type { OverlayContext } from './overlay-context';
import { adjustedReply, type ReplyEdits } from './reply-edits';
import type { EditedUse } from '../signals/signal-recorder';

export interface OverlayServicesDeps {
  store: KnowledgeStore;
  search: SearchService;
  settings: SettingsService;
  usage: UsageStore;
  templates: TemplateRenderer;
  delivery: ReplyDeliverer;
  clipboard: ClipboardPort;
  overlay: OverlayPort;
  links: ExternalLinkPort;
  logFolder: LogFolderPort;
  syncStatus: () => SyncStatusView;
  /** Starts a resync from scratch of the configured server (the sync engine's). */
  resyncFromScratch: () => SyncStatusView;
  notices: () => string[];
  /** Told after each use so the search ranking's usage signal follows without a reload. */
  onUse?: (id: string, locale: string) => void;
  /** The agent's flags (main/flags); absent where there is no server to send them to. */
  flags?: Pick<FlagSender, 'raise' | 'waiting'>;
  /** Signed knowledge (issue #15, main/signing): entries verified again on open, preview, insert and copy. */
  signing?: Pick<EntrySigning, 'check' | 'signersOf'>;
  /** Usage signals (main/signals/signal-recorder.ts); absent in the CLI. */
  signals?: UsageSignals;
  /** What waits to be sent (Settings → What Cuecard reports); absent: nothing is reported. */
  usageReport?: () => Promise<UsageReportView>;
  /** Told of each search with text (the synonyms refresh themselves now and then: synonym-sync.ts). */
  onSearch?: () => void;
  /** What the agent had copied or selected when the overlay opened, for `{% prefill %}` fields (issue #18). */
  context: Pick<OverlayContext, 'capture' | 'current' | 'forget'>;
  /** The edits of inserted and copied replies ("Adjust before insert", "Report my edit"; issue #18). */
  edits: ReplyEdits;
  log: (message: string, error?: unknown) => void;
  /** Opens the Library window once the server says the token is a lead's (throws a DomainError otherwise). */
  openLibrary: () => Promise<void>;
}

/** What the overlay's use cases tell the usage signals (issue #18). */
export interface UsageSignals {
  searched(query: string, locale: string, hits: ReadonlyArray<{ id: string; locale: string }>): void;
  used(kind: 'opened' | 'inserted' | 'copied', id: string, locale: string): Promise<void>;
  edited(use: EditedUse, ratio: number): Promise<void>;
  ended(): Promise<void>;
}

const RECENT_LIMIT = 8;

export class OverlayServices {
  constructor(private readonly deps: OverlayServicesDeps) {}

  async search(request: SearchRequest): Promise<SearchResponse> {
    const { locale, fallbackLocales } = this.deps.settings.effective;
    const query = {
      query: request.query,
      locale: request.locale ?? locale,
      fallbackLocales,
      kind: request.kind,
      tags: request.tags,
      limit: request.limit ?? 20,
    };
    if (request.query.trim() !== '') {
      this.deps.onSearch?.();
      const hits = this.withSigners(this.deps.search.search(query));
      this.deps.signals?.searched(request.query, query.locale, hits);
      return { hits, recent: false };
    }
    // An empty query is the recent/frequent list; the index builds it (usage order, same filters).
    return { hits: this.withSigners(this.deps.search.search({ ...query, query: '', limit: RECENT_LIMIT })), recent: true };
  }

  /** Who signed each hit, by key-list name (null for all when no org root key is pinned: *unsigned*). */
  private withSigners(hits: SearchHit[]): SearchHit[] {
    const signing = this.deps.signing;
    if (!signing) return hits;
    return hits.map((hit) => {
      const entry = this.deps.search.get(hit.id, hit.locale);
      return { ...hit, signedBy: entry ? signing.signersOf(entry) : null };
    });
  }

  async getEntry(id: string, locale: string): Promise<EntryView> {
    const { entry: stored, signedBy } = await this.verifiedEntry(id, locale);
    void this.deps.signals?.used('opened', stored.id, stored.locale);
    const entry = { ...stored, ...reviewFieldsOf(stored, signedBy) };
    if (entry.kind === 'article') return { ...entry, preview: null, templateError: null };
    const marked = await this.renderWithMarkers(entry);
    return marked.ok
      ? { ...entry, preview: marked.reply, templateError: null }
      : { ...entry, preview: null, templateError: marked.message };
  }

  /**
   * The form's fields; those a `{% prefill %}` declares carry the value found in the agent's
   * context (issue #18), which the form shows highlighted for the agent to confirm. A prefill that
   * fails (a pattern stopped at its deadline) only costs the value: the form opens all the same.
   */
  async prepareTemplate(id: string, locale: string): Promise<TemplatePreparation> {
    const entry = await this.requireEntry(id, locale);
    const prepared = await this.deps.templates.prepare(entry);
    if (!prepared.ok || !prepared.variables.some((variable) => variable.context)) return prepared;
    const context = await this.deps.context.current();
    if (!context) return prepared;
    const found = await this.deps.templates.prefill(entry, context);
    if (!found.ok) {
      this.deps.log(`context: no prefill for ${entry.id} (${entry.locale}): ${found.message}`);
      return prepared;
    }
    const variables = prepared.variables.map((variable) => {
      const prefill = Object.hasOwn(found.prefills, variable.name) ? found.prefills[variable.name] : undefined;
      return prefill ? { ...variable, prefill } : variable;
    });
    return { ok: true, variables };
  }

  /** The overlay opens (hotkey, tray): its context is what is copied and selected now. */
  overlayShown(): Promise<void> {
    return this.deps.context.capture();
  }

  async renderTemplate(id: string, locale: string, values: Record<string, string>): Promise<RenderedReply> {
    return (await this.rendered(id, locale, values)).reply;
  }

  private async rendered(id: string, locale: string, values: Record<string, string>): Promise<{ entry: KnowledgeEntry; reply: RenderedReply }> {
    const entry = await this.requireEntry(id, locale);
    const outcome = await this.deps.templates.render(entry, values);
    if (!outcome.ok) throw new DomainError('template_error', outcome.message);
    return { entry, reply: outcome.reply };
  }

  /**
   * Inserts the rendered reply, or the text the agent adjusted it to ("Adjust before insert",
   * issue #18): that text is pasted as plain text, stripped of invisible controls, and how much it
   * differs from the rendered reply is counted as the template's edit ratio (reply-edits.ts).
   */
  async insertReply(id: string, locale: string, values: Record<string, string>, adjustedText?: string): Promise<InsertOutcome> {
    const { entry, reply: rendered } = await this.rendered(id, locale, values);
    const { reply, adjusted } = adjustedReply(rendered, adjustedText, 'insert');
    const { pasteMode, restoreClipboard } = this.deps.settings.effective;
    const outcome = await this.deps.delivery.deliver(reply, pasteMode, restoreClipboard);
    await this.recordUse(id, locale);
    void this.deps.signals?.used('inserted', id, locale);
    void this.deps.edits.delivered({ id, locale, title: entry.title, delivery: 'inserted', rendered: rendered.text, sent: reply.text, adjusted });
    return outcome;
  }

  /** Copies the rendered reply, or the agent's adjusted text (plain, stripped like an insert), counting its edit the same way. */
  async copyReply(id: string, locale: string, values: Record<string, string>, adjustedText?: string): Promise<RenderedReply> {
    const { entry, reply: rendered } = await this.rendered(id, locale, values);
    const { reply, adjusted } = adjustedReply(rendered, adjustedText, 'copy');
    await this.deps.clipboard.write(reply);
    await this.recordUse(id, locale);
    void this.deps.signals?.used('copied', id, locale);
    void this.deps.edits.delivered({ id, locale, title: entry.title, delivery: 'copied', rendered: rendered.text, sent: reply.text, adjusted });
    return reply;
  }

  /** The last inserted or copied reply while the agent may still report how they edited it. */
  lastReply(): LastReplyView | null {
    return this.deps.edits.lastReply();
  }

  /** "Report my edit": the reply as the agent sent it; only its edit ratio is kept. */
  reportEdit(text: string): Promise<EditReport> {
    return this.deps.edits.reportEdit(text);
  }

  /**
   * Copies a result as it stands. A template's unfilled variables become visible
   * `[Customer first name]` markers rather than failing or leaving silent gaps.
   */
  async copyEntry(id: string, locale: string): Promise<RenderedReply> {
    const entry = await this.requireEntry(id, locale);
    const outcome = await this.renderWithMarkers(entry);
    if (!outcome.ok) throw new DomainError('template_error', `This template has an error: ${outcome.message}`);
    await this.deps.clipboard.write(outcome.reply);
    void this.deps.signals?.used('copied', entry.id, entry.locale);
    return outcome.reply;
  }

  private async renderWithMarkers(entry: KnowledgeEntry): Promise<RenderOutcome> {
    const prepared = await this.deps.templates.prepare(entry);
    if (!prepared.ok) return { ok: false, message: prepared.message };
    return this.deps.templates.render(entry, valuesWithMarkers(prepared.variables));
  }

  async recordUse(id: string, locale: string): Promise<void> {
    await this.deps.usage.record(id, locale);
    this.deps.onUse?.(id, locale);
  }

  hide(): Promise<void> {
    void this.deps.signals?.ended();
    this.deps.context.forget();
    return this.deps.overlay.hide();
  }

  async openLink(url: string): Promise<{ opened: boolean }> {
    const target = safeLinkTarget(url);
    if (target === null) throw new DomainError('invalid_input', 'Only https: and mailto: links can be opened from Cuecard.');
    await this.deps.links.open(target);
    return { opened: true };
  }

  resyncFromScratch(): SyncStatusView {
    const status = this.deps.syncStatus();
    if (status.state === 'not_configured') {
      throw new DomainError('server_not_configured', 'Set a server URL and token first: there is no server to resync from.');
    }
    return this.deps.resyncFromScratch();
  }

  usageReport(): Promise<UsageReportView> {
    return this.deps.usageReport?.() ?? Promise.resolve({ enabled: false, queryTextSent: false, items: [] });
  }

  /** The overlay's key for the Library (issue #14): a lead's token opens it, an agent's is told it is for leads. */
  async openLibrary(): Promise<null> {
    await this.deps.openLibrary();
    await this.deps.overlay.hide();
    return null;
  }

  async openLogFolder(): Promise<null> {
    await this.deps.logFolder.open();
    return null;
  }

  async status(): Promise<AppStatusView> {
    return {
      entries: this.deps.search.size,
      locales: await this.deps.store.locales(),
      notices: this.deps.notices(),
      sync: this.deps.syncStatus(),
      flagsWaiting: this.deps.flags?.waiting.value ?? 0,
    };
  }

  /** Flags the entry as the agent sees it (the variant and version on screen) for its owner. */
  async flag(request: FlagEntryRequest): Promise<FlagOutcome> {
    const flags = this.deps.flags;
    if (!flags) throw new DomainError('server_not_configured', 'Flags cannot be sent from here.');
    const entry = await this.requireEntry(request.id, request.locale);
    try {
      return await flags.raise({ id: entry.id, locale: entry.locale, version: entry.version, reason: request.reason, comment: request.comment });
    } catch (error) {
      if (error instanceof NoServerError) throw new DomainError('server_not_configured', error.message);
      throw error;
    }
  }

  private async requireEntry(id: string, locale: string): Promise<KnowledgeEntry> {
    return (await this.verifiedEntry(id, locale)).entry;
  }

  /**
   * The entry as findEntry() resolves it; with a pinned org root key, the stored copy verified
   * again (issue #15): a refused entry is moved out of the store and search and never shown or used.
   */
  private async verifiedEntry(id: string, locale: string): Promise<{ entry: KnowledgeEntry; signedBy: string[] | null }> {
    const found = await this.findEntry(id, locale);
    const signing = this.deps.signing;
    if (!signing) return { entry: found, signedBy: null };
    const stored = (await this.deps.store.get(found.id, found.locale)) ?? found;
    const verdict = await signing.check(stored);
    if (verdict === null) return { entry: stored, signedBy: null };
    if (!verdict.ok) {
      throw new DomainError('refused_signature', `"${found.title}" was refused and is not shown: ${REFUSAL_TEXT[verdict.reason]}.`);
    }
    return { entry: stored, signedBy: verdict.approvers };
  }

  /** The variant in the agent's language, else along the fallback chain, else the one asked for. */
  private async findEntry(id: string, locale: string): Promise<KnowledgeEntry> {
    const exact = this.deps.search.get(id, locale) ?? (await this.deps.store.get(id, locale));
    if (exact) return exact;
    const { fallbackLocales } = this.deps.settings.effective;
    for (const candidate of localeChain(locale, fallbackLocales)) {
      const entry = this.deps.search.get(id, candidate);
      if (entry) return entry;
    }
    throw new DomainError('not_found', `There is no entry "${id}" in ${locale} or its fallback languages.`);
  }
}
