/**
 * The Library's use cases (issue #14), one method per channel of common/library-contract.ts. It
 * works online only: every read and write goes to the server through the review API's one client
 * (main/review/review-client.ts); unsaved edits stay on this computer (LocalDrafts) until the server
 * takes them. Only a lead's or an admin's token may use it — the role is the server's answer to
 * `GET /v1/me`, checked in main before every call (`requireLead`), not only in the page.
 */
import type { EditorDraft, LibraryAction, LibraryEntryView, LibrarySession, LibraryRow, TemplateCheck } from '../../common/library-contract';
import { MeResponseSchema, VersionContentSchema, type MeResponse, type VersionContent } from '../../common/library-protocol';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, type KnowledgeEntry } from '../../common/knowledge';
import { HistoryResponseSchema, QueueResponseSchema, ReviewActionResultSchema, SubmitResultSchema, reviewActionPath, type HistoryItem, type QueueItem } from '../../common/review-protocol';
import { valuesWithMarkers } from '../../common/templates/field-markers';
import { liquidErrorPosition, validateTemplateBody } from '../../common/templates/validate-template';
import { assertNever } from '../../common/assert-never';
import { DomainError } from '../core/domain-error';
import type { ImportFilePort, LibraryWindowPort, Logger, TemplateRenderer, Timers } from '../core/ports';
import { ServerRefusal, callServer, type ServerTarget } from '../review/review-client';
import { LeadView } from './lead-view';
import type { LocalDrafts } from './library-drafts';
import type { ApprovalSignature } from '../../common/signing/approval';
import type { z } from 'zod';
import * as synonyms from './library-synonyms';
import type { SynonymSigner } from './library-synonyms';
import type { LibraryReport } from '../../common/library-contract';
import type { ReportName } from '../../common/signals/signal-protocol';
import type { StoredSynonymRule, SynonymDecision, SynonymState } from '../../common/synonyms/synonym-protocol';
import type { SynonymRule } from '../../common/synonyms/synonym-rules';
import { LibraryImport } from './library-import';
import { LibraryLive } from './library-live';
import { LibraryChangesSchema } from '../../common/library-protocol';
import { MAX_IMPORT_CHARS } from '../../common/import/sources';
import { KEY_NOT_REGISTERED_CODE } from '../../common/signing/signing-protocol';
import { KEY_NOT_REGISTERED } from './approver-key-services';
import { LibraryRetire } from './library-retire';
import type { RetirementSignature, RetirementTarget } from '../../common/signing/retirement';

export interface LibraryDeps {
  /** The server URL and token from settings; null when not configured. */
  config(): { serverUrl: string; token: string } | null;
  fetch: typeof fetch;
  templates: TemplateRenderer;
  drafts: LocalDrafts;
  now(): Date;
  log: Logger;
  /**
   * The signature an approval carries (issue #15: ApproverKeyServices.approvalFor), or null when
   * the organisation does not sign approvals. Absent: approvals go unsigned.
   */
  signApproval?(id: string, locale: string, version: number | undefined): Promise<{ version: number; signature: ApprovalSignature } | null>;
  /** What signs the Library's retirements (ApproverKeyServices.retirementSigner); absent: retirements go unsigned. */
  retirementSigner?(): Promise<((target: RetirementTarget) => Promise<RetirementSignature>) | null>;
  /** Signs synonym approvals when this machine has an approver key (issue #18). */
  synonymSigner?: SynonymSigner;
  /** The bulk import's OS file dialog (the app); absent in the browser harness (a file input there). */
  importFile?: ImportFilePort;
  /** Whether the Library page is showing, and its events (live refresh). */
  window: Pick<LibraryWindowPort, 'isOpen' | 'send'>;
  timers: Timers;
  /** Between two polls of what changed on the server (LIBRARY_POLL_MS unless given). */
  pollMs?: number;
}

/** How long the server's answer to "who am I" is trusted before it is asked again. */
const ROLE_TTL_MS = 30_000;

export class LibraryServices {
  private readonly view = new LeadView();
  private me: { target: string; at: number; value: MeResponse } | null = null;
  private previews = 0;

  /** Bulk import: dry run, then submission (issue #14). */
  readonly imports: LibraryImport;

  /** Live refresh: what other leads change reaches the open Library (issue #14). */
  readonly live: LibraryLive;

  /** Retiring, signed with the lead's approver key; unsigned retirements signed afterwards (issue #15 leftovers). */
  readonly retirements: LibraryRetire;

  constructor(private readonly deps: LibraryDeps) {
    this.imports = new LibraryImport({ target: () => this.target(), call: (work) => this.call(work), ...(deps.importFile ? { picker: deps.importFile } : {}) });
    this.retirements = new LibraryRetire({
      request: (method, path, body, schema) => this.request(method, path, body, schema),
      signer: async () => (await deps.retirementSigner?.()) ?? null,
      reloaded: (id, locale) => this.reloaded(id, locale),
    });
    this.live = new LibraryLive({
      changes: (after) => this.call(() => callServer(this.target(), 'GET', `/v1/library/changes${after === undefined ? '' : `?after=${after}`}`, undefined, LibraryChangesSchema)),
      reread: async (ids) => {
        const target = this.target();
        if (ids === null) return this.view.load(target, this.deps.now());
        for (const id of ids) await this.view.reload(target, id);
      },
      isOpen: () => deps.window.isOpen() && this.view.loaded,
      send: (event) => deps.window.send(event),
      timers: deps.timers,
      ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
      log: deps.log,
    });
  }

  /** Refuses unless the server says this token is a lead's or an admin's. */
  async requireLead(): Promise<MeResponse> {
    const target = this.target();
    const key = `${target.serverUrl}\u0000${target.token}`;
    const now = this.deps.now().getTime();
    if (!this.me || this.me.target !== key || now - this.me.at > ROLE_TTL_MS) {
      this.me = { target: key, at: now, value: await this.call(() => callServer(target, 'GET', '/v1/me', undefined, MeResponseSchema)) };
    }
    const me = this.me.value;
    if (me.role === 'agent') throw new DomainError('forbidden_role', `The Library is for leads and admins; "${me.name}" is an agent.`);
    return me;
  }

  async session(): Promise<LibrarySession> {
    const me = await this.requireLead();
    return { ...me, serverUrl: this.target().serverUrl, maxBodyLength: MAX_BODY_LENGTH, maxTitleLength: MAX_TITLE_LENGTH, importDialog: this.imports.hasDialog, maxImportChars: MAX_IMPORT_CHARS };
  }

  async load(refresh: boolean): Promise<{ rows: LibraryRow[]; loadedAt: string }> {
    if (refresh || !this.view.loaded) {
      // The newest history event first: whatever changes while the view is read is news for the live refresh.
      await this.live.baseline();
      await this.call(() => this.view.load(this.target(), this.deps.now()));
    }
    return { rows: this.view.rows(this.deps.now(), await this.deps.drafts.keys()), loadedAt: this.view.loadedAtIso as string };
  }

  search(query: string, limit: number): { keys: Array<{ id: string; locale: string }> } {
    return { keys: this.view.search(query, limit) };
  }

  async getEntry(id: string, locale: string): Promise<LibraryEntryView> {
    return { record: this.view.get(id, locale), variants: this.view.variants(id, locale), localDraft: await this.deps.drafts.get(id, locale) };
  }

  keepDraft(draft: EditorDraft): Promise<void> {
    return this.deps.drafts.keep(draft);
  }

  discardDraft(id: string, locale: string): Promise<void> {
    return this.deps.drafts.discard(id, locale);
  }

  /**
   * Ctrl+S: the lead's own open draft is updated in place (same version, next revision), anything
   * else becomes a new draft version; the local copy goes once the server has it.
   */
  saveDraft(draft: EditorDraft): Promise<LibraryEntryView> {
    return this.send(draft, true);
  }

  /** A new version in review (after the same checks as a save; a template must parse). */
  submit(draft: EditorDraft): Promise<LibraryEntryView> {
    return this.send(draft, false);
  }

  async checkTemplate(body: string, values: Record<string, string>): Promise<TemplateCheck> {
    if (body.length > MAX_BODY_LENGTH) return { ok: false, message: oversize(body.length), line: null, column: null };
    // Each check is its own version: the render worker caches compiled templates by (id, locale, version).
    this.previews += 1;
    const entry: KnowledgeEntry = {
      id: 'library-preview', locale: 'en', kind: 'template', title: 'Preview', body, tags: [], urlOrPath: null,
      version: this.previews, updatedAt: this.deps.now().toISOString(), approvedBy: null, approvedAt: null, reviewState: 'approved',
    };
    // Strict, as the server at publish: the render worker renders a tag it does not know as nothing
    // (forward compatibility, docs/context-prefill.md), which must not read as "parses" here.
    const strict = validateTemplateBody(body);
    if (!strict.ok) return { ok: false, message: strict.message, ...liquidErrorPosition(strict.message) };
    const prepared = await this.deps.templates.prepare(entry);
    if (!prepared.ok) return { ok: false, message: prepared.message, ...liquidErrorPosition(prepared.message) };
    const rendered = await this.deps.templates.render(entry, valuesWithMarkers(prepared.variables, values));
    return rendered.ok
      ? { ok: true, variables: prepared.variables, preview: rendered.reply, previewError: null }
      : { ok: true, variables: prepared.variables, preview: null, previewError: rendered.message };
  }

  async queue(): Promise<{ items: QueueItem[] }> {
    return this.call(() => callServer(this.target(), 'GET', '/v1/queue', undefined, QueueResponseSchema));
  }

  async history(id: string, locale: string): Promise<{ items: HistoryItem[] }> {
    const path = `/v1/entries/${encodeURIComponent(id)}/history?locale=${encodeURIComponent(locale)}`;
    return this.call(() => callServer(this.target(), 'GET', path, undefined, HistoryResponseSchema));
  }

  async version(id: string, locale: string, version: number): Promise<VersionContent> {
    const path = `/v1/entries/${encodeURIComponent(id)}/versions/${version}?locale=${encodeURIComponent(locale)}`;
    return this.call(() => callServer(this.target(), 'GET', path, undefined, VersionContentSchema));
  }

  async act(request: LibraryAction): Promise<LibraryEntryView> {
    const { id, locale } = request;
    const body = await this.actionBody(request);
    await this.call(() => callServer(this.target(), 'POST', reviewActionPath(id, request.action), body, ReviewActionResultSchema));
    return this.reloaded(id, locale);
  }

  // ---- reports and synonyms (issue #18): main/application/library-synonyms.ts ----
  report(name: ReportName): Promise<LibraryReport> {
    return this.call(() => synonyms.report(this.target(), name));
  }

  synonymRules(state: SynonymState): Promise<{ rules: StoredSynonymRule[] }> {
    return this.call(() => synonyms.synonymRules(this.target(), state));
  }

  addSynonym(rule: SynonymRule, replaces: string | undefined): Promise<{ rules: StoredSynonymRule[] }> {
    return this.call(() => synonyms.addSynonym(this.target(), rule, replaces));
  }

  decideSynonym(ruleId: string, action: SynonymDecision): Promise<{ rule: StoredSynonymRule; version: number }> {
    return this.call(() => synonyms.decideSynonym(this.target(), ruleId, action, this.deps.synonymSigner));
  }

  private async actionBody(request: LibraryAction): Promise<Record<string, unknown>> {
    const { locale, version, comment } = request;
    switch (request.action) {
      case 'approve': {
        const me = await this.requireLead();
        const record = this.view.get(request.id, locale);
        // Four eyes, said before asking (the server refuses it too).
        if (record && record.author === me.name && (version === undefined || version === record.version)) {
          throw new DomainError('refused', `You wrote version ${record.version}; another lead must approve it (four eyes).`);
        }
        const signed = (await this.deps.signApproval?.(request.id, locale, version)) ?? null;
        if (signed) return { locale, version: signed.version, signature: signed.signature };
        return { locale, ...(version === undefined ? {} : { version }) };
      }
      case 'reject':
        if (!comment) throw new DomainError('invalid_input', 'Say what must change: sending back needs a comment.');
        return { locale, comment, ...(version === undefined ? {} : { version }) };
      case 'verify':
      case 'confirm-translation':
        return { locale };
      case 'rollback':
        if (version === undefined) throw new DomainError('invalid_input', 'Choose the version to roll back to.');
        return { locale, to: version };
      default:
        return assertNever(request.action);
    }
  }

  private async send(draft: EditorDraft, asDraft: boolean): Promise<LibraryEntryView> {
    // Whatever happens next, the edits are safe on this computer first.
    await this.deps.drafts.keep(draft);
    const problem = draftProblem(draft, asDraft);
    if (problem) throw new DomainError('invalid_input', problem);
    const target = this.target();
    const entry = {
      id: draft.id, locale: draft.locale, kind: draft.kind, title: draft.title, body: draft.body,
      tags: draft.tags.filter((t) => t.trim() !== ''), urlOrPath: draft.urlOrPath, baseVersion: draft.baseVersion,
      ...(asDraft ? { draft: true } : {}),
      ...(draft.baseRevision === undefined ? {} : { baseRevision: draft.baseRevision }),
    };
    try {
      await this.call(() => callServer(target, 'POST', '/v1/entries', entry, SubmitResultSchema));
    } catch (error) {
      // A stale base: read the other version now, so the page can show it beside the lead's edit.
      if (error instanceof DomainError && error.code === 'conflict') await this.view.reload(target, draft.id).catch(() => undefined);
      throw error;
    }
    await this.deps.drafts.discard(draft.id, draft.locale);
    await this.view.reload(target, draft.id).catch((error: unknown) => this.deps.log('could not re-read the saved entry', error));
    const saved = this.view.get(draft.id, draft.locale);
    if (saved && (saved.owner !== draft.owner || saved.verificationIntervalDays !== draft.verificationIntervalDays) && draft.owner.trim() !== '') {
      const change = { locale: draft.locale, owner: draft.owner.trim(), verificationIntervalDays: draft.verificationIntervalDays };
      await this.call(() => callServer(target, 'POST', reviewActionPath(draft.id, 'owner'), change, ReviewActionResultSchema));
    }
    return this.reloaded(draft.id, draft.locale);
  }

  private async reloaded(id: string, locale: string): Promise<LibraryEntryView> {
    await this.call(() => this.view.reload(this.target(), id));
    return this.getEntry(id, locale);
  }

  /** One request to the lead's server, refused as the Library's other calls are (for the approver key's use cases). */
  request<S extends z.ZodType>(method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.call(() => callServer(this.target(), method, path, body, schema));
  }

  serverUrl(): string {
    return this.target().serverUrl;
  }

  private target(): ServerTarget {
    const config = this.deps.config();
    if (!config) throw new DomainError('server_not_configured', 'The Library needs a knowledge server: set its URL and your token in Settings.');
    return { ...config, fetch: this.deps.fetch };
  }

  /** The server's refusals as domain errors the page acts on: unreachable, a stale base, anything else. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ServerRefusal)) throw error;
      if (error.status === null) throw new DomainError('server_unreachable', `The server cannot be reached (${error.message}); your unsaved edits are kept on this computer.`);
      if (error.code === 'stale_base') throw new DomainError('conflict', error.message);
      if (error.status === 403 && error.code === 'forbidden') throw new DomainError('forbidden_role', error.message);
      if (error.code === KEY_NOT_REGISTERED_CODE) throw new DomainError('refused', KEY_NOT_REGISTERED);
      if (error.code === 'signature_required') throw new DomainError('refused', `${error.message}: each approves it in the Library with the key of their "Signing key" tab.`);
      throw new DomainError('refused', error.message);
    }
  }
}

/** What the server would refuse, said before anything is uploaded (limits from common/knowledge.ts). */
export function draftProblem(draft: EditorDraft, asDraft: boolean): string | null {
  if (draft.title.trim() === '') return 'Title: an entry needs a title.';
  if (draft.title.length > MAX_TITLE_LENGTH) return `Title: at most ${MAX_TITLE_LENGTH.toLocaleString('en')} characters (this one has ${draft.title.length.toLocaleString('en')}).`;
  if (draft.body.length > MAX_BODY_LENGTH) return oversize(draft.body.length);
  if (draft.kind === 'template') {
    // The server refuses a template that does not parse, a draft too: the edits stay on this computer.
    const check = validateTemplateBody(draft.body);
    if (!check.ok) {
      return `Body: the template does not parse: ${check.message}. ${asDraft ? 'Your edits are kept on this computer until it does.' : 'It cannot be submitted until it does.'}`;
    }
  }
  return null;
}

function oversize(length: number): string {
  return `Body: at most ${MAX_BODY_LENGTH.toLocaleString('en')} characters (the server's limit); this one has ${length.toLocaleString('en')}. Nothing was uploaded.`;
}
