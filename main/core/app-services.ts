/**
 * The services behind the overlay, built on the core: templates, reply delivery, sync and the
 * IPC router. Shared by main/index.ts and the browser harness so both run the same code; only
 * the ports (clipboard, overlay window, links, paste tool) differ.
 */
import { removeSampleKnowledgeBase } from '../sample-kb/sample-kb';
import { SyncEngine } from '../sync';
import { createIpcRouter } from '../ipc/routes';
import type { IpcRouter } from '../ipc/handle';
import { OverlayServices } from '../application/overlay-services';
import { choosePasteStrategy } from '../paste/choose-paste-strategy';
import { manualPasteShortcut } from '../paste/paste-shortcuts';
import type { PasteStrategy } from './ports';
import { createNodeProcessRunner, createWhich } from '../paste/process-runner';
import { ReplyDelivery } from '../paste/reply-delivery';
import { MetaEntity } from '../store/entities';
import { FlagOutbox } from '../flags/flag-outbox';
import { FlagSender } from '../flags/flag-sender';
import { EntrySigning } from '../signing/entry-signing';
import { verifyText } from '../signing/ed25519';
import { SynonymSync } from '../signals/synonym-sync';
import { SignalStore } from '../signals/signal-store';
import { SignalRecorder } from '../signals/signal-recorder';
import { SignalSender } from '../signals/signal-sender';
import { usageReportView } from '../signals/usage-report';
import { realTimers } from '../sync/timers';
import { SynonymExpansion } from '../../common/search/query-expansion';
import { SYNONYM_WEIGHT } from '../../common/search/ranking-params';
import { randomUUID } from 'node:crypto';
import { KeyValueStore } from '../store/key-value-store';
import { RenderPool } from '../templates/render-pool';
import { spawnRenderWorker } from '../templates/spawn-render-worker';
import type { Core } from './open-core';
import type { ClipboardPort, ContextReaderPort, ExternalLinkPort, ImportFilePort, LibraryWindowPort, LogFolderPort, Logger, OverlayPort, TemplateRenderer } from './ports';
import { OverlayContext } from '../application/overlay-context';
import { ReplyEdits } from '../application/reply-edits';
import { LibraryServices } from '../application/library-services';
import { LocalDrafts } from '../application/library-drafts';
import { ApproverKeyServices } from '../application/approver-key-services';
import { createLibraryRouter } from '../ipc/library-routes';

export interface AppPorts {
  clipboard: ClipboardPort;
  overlay: OverlayPort;
  links: ExternalLinkPort;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
  /** Replaces the OS paste tool (the harness records instead of pasting). */
  pasteStrategy?: PasteStrategy;
  log: Logger;
  /** Opens the folder the log file is in ("Open log folder" in Settings). */
  logFolder: LogFolderPort;
  /** Replaces the render worker pool (tests use a shorter deadline). */
  templates?: TemplateRenderer;
  /** Opens the Library window (issue #14). */
  libraryWindow: LibraryWindowPort;
  /** Reads what the agent copied or selected when the overlay opens (issue #18; only with the setting on). */
  contextReader: ContextReaderPort;
  /** The bulk import's OS file dialog (the app; the harness's page uses a file input). */
  importFile?: ImportFilePort;
  /** The clock (tests move it: the window for reporting an edit after insert, issue #18). */
  now?: () => Date;
}

export interface AppServices {
  services: OverlayServices;
  router: IpcRouter;
  sync: SyncEngine;
  /** Agents' flags waiting to be sent; its onChange should push a new status to the overlay. */
  flags: FlagSender;
  /** The organisation's synonyms, refreshed after each pull (refresh() fetches now). */
  synonyms: SynonymSync;
  /** Usage signals waiting for the server (flush() sends now). */
  signals: SignalSender;
  /** The Library's use cases and its channels (answered to app://cuecard/library.html only). */
  library: LibraryServices;
  libraryRouter: IpcRouter;
}

export async function createAppServices(core: Core, ports: AppPorts): Promise<AppServices> {
  const now = ports.now ?? (() => new Date());
  const run = createNodeProcessRunner({ env: ports.env });
  const which = createWhich(ports.env, ports.platform);
  const delivery = new ReplyDelivery({
    clipboard: ports.clipboard,
    overlay: ports.overlay,
    strategy: async () =>
      ports.pasteStrategy ?? choosePasteStrategy({ platform: ports.platform, env: ports.env, which, run }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    manualShortcut: manualPasteShortcut(ports.platform),
    log: ports.log,
  });

  const serverConfig = () => {
    const serverUrl = core.settings.effective.serverUrl;
    const token = core.settings.token();
    return serverUrl && token ? { serverUrl, token } : null;
  };
  const meta = new KeyValueStore(core.db, MetaEntity);
  // Signed knowledge (issue #15): active while an org root key is pinned (policy or Settings).
  const signing = new EntrySigning({
    rootKey: () => core.settings.effective.orgRootKey || null,
    store: core.store,
    meta,
    fetch: ports.fetch,
    now,
    log: (line) => ports.log(line),
    // A new key list (its event, or the pull) re-checks the held synonyms too, not only the entries.
    onKeyListChanged: () => void synonyms.recheck(),
  });
  await signing.list();
  // The organisation's synonyms follow the syncs that reached the server, at most one fetch in 10 s (issue #18).
  const synonyms = new SynonymSync({
    meta: new KeyValueStore(core.db, MetaEntity),
    fetch: ports.fetch,
    config: serverConfig,
    apply: (rules) => core.search.setExpansion(rules.length > 0 ? new SynonymExpansion(rules, SYNONYM_WEIGHT) : undefined),
    // Signed synonyms: with a pinned root key only rules an approver of the held list signed apply.
    keyList: () => signing.list(),
    verify: verifyText,
    log: (line) => ports.log(line),
    now,
  });
  await synonyms.init();
  const sync = new SyncEngine({
    store: core.store,
    meta,
    fetch: ports.fetch,
    now,
    config: serverConfig,
    log: (line) => ports.log(line),
    screen: signing,
    // An approval a second ago: the synonyms are fetched now, not at the next throttled refresh.
    onSynonymsChanged: () => void synonyms.refresh(),
  });

  const flags = new FlagSender({
    outbox: new FlagOutbox(core.db),
    fetch: ports.fetch,
    config: serverConfig,
    now,
    newId: randomUUID,
    log: (line) => ports.log(line),
  });
  await flags.init();
  // Whenever the sync reaches the server, flags raised offline follow.
  // Usage signals (issue #18): counted locally, sent with the sync; nothing with reporting off.
  const signalStore = new SignalStore(core.db);
  const reporting = () => core.settings.effective.usageReports;
  const signalSender = new SignalSender({
    store: signalStore,
    fetch: ports.fetch,
    config: serverConfig,
    enabled: reporting,
    queryTextAllowed: () => core.settings.reportQueryText,
    now,
    newId: randomUUID,
    timers: realTimers,
    log: (line) => ports.log(line),
  });
  const signals = new SignalRecorder({
    store: signalStore,
    enabled: reporting,
    now,
    timers: realTimers,
    log: (line) => ports.log(line),
    // A search that found nothing asks for new synonyms, and its count leaves soon.
    onMissed: () => {
      void synonyms.refresh();
      if (sync.status().state === 'online') void signalSender.soon();
    },
  });
  sync.onStatus((status) => {
    if (status.state === 'online' && flags.waiting.value > 0) void flags.flush();
    if (status.state === 'online') {
      // Throttled (one fetch in 10 s): every change a sync applies — most arrive in events — is
      // a status, and a fetch for each cost every agent a request per change.
      void synonyms.refreshSoon();
      void signalSender.flush();
    }
  });

  const templates = ports.templates ?? new RenderPool(spawnRenderWorker);
  const library: LibraryServices = new LibraryServices({
    config: serverConfig,
    fetch: ports.fetch,
    templates,
    drafts: new LocalDrafts(new KeyValueStore(core.db, MetaEntity)),
    now,
    log: ports.log,
    signApproval: (id, locale, version) => approverKey.approvalFor(id, locale, version),
    retirementSigner: () => approverKey.retirementSigner(),
    synonymSigner: core.approverKeys,
    window: ports.libraryWindow,
    timers: realTimers,
    ...(ports.importFile ? { importFile: ports.importFile } : {}),
  });
  const approverKey = new ApproverKeyServices({ keys: core.approverKeys, server: library, rootKey: () => core.settings.effective.orgRootKey || null });
  // Live entries the sync applied (the agents' event stream) refresh the open Library at once;
  // the rest (drafts, submissions, flags) is polled while it is open.
  core.store.onChange((changes) =>
    library.live.changed(
      // Lazily: read only while the Library is open (a full sync's pages hold thousands).
      (function* () {
        for (const c of changes) yield c.type === 'remove' ? c.id : c.entry.id;
      })(),
    ),
  );
  library.live.start();
  const services = new OverlayServices({
    store: core.store,
    search: core.search,
    settings: core.settings,
    usage: core.usage,
    templates,
    delivery,
    clipboard: ports.clipboard,
    overlay: ports.overlay,
    links: ports.links,
    logFolder: ports.logFolder,
    syncStatus: () => sync.status(),
    resyncFromScratch: () => sync.resyncFromScratch(),
    notices: () => core.notices,
    onUse: (id, locale) => core.usageBoost.record(id, locale),
    flags,
    signing,
    signals,
    edits: new ReplyEdits({ signals, enabled: reporting, now, newId: randomUUID }),
    context: new OverlayContext({ reader: ports.contextReader, enabled: () => core.settings.effective.contextCapture, log: ports.log }),
    log: ports.log,
    onSearch: () => void synonyms.refreshSoon(),
    usageReport: () => usageReportView(signalStore, reporting(), core.settings.reportQueryText),
    openLibrary: async () => {
      await library.requireLead();
      await ports.libraryWindow.open();
    },
  });
  // A new server, token or org root key takes effect at once: reconnect the live sync with the new settings.
  const targetOf = () => `${core.settings.effective.serverUrl}\u0000${core.settings.token()}\u0000${core.settings.effective.orgRootKey}`;
  let syncTarget = targetOf();
  core.settings.onChange(() => {
    const target = targetOf();
    if (target === syncTarget) return;
    syncTarget = target;
    void (async () => {
      if (core.settings.effective.serverUrl) await removeSampleKnowledgeBase(core.store);
      await sync.reconnect();
    })().catch((error: unknown) => ports.log('could not switch to the new server', error));
  });
  return {
    services,
    router: createIpcRouter(services, core.settings, ports.log),
    sync,
    flags,
    synonyms,
    signals: signalSender,
    library,
    libraryRouter: createLibraryRouter(library, approverKey, ports.log),
  };
}
