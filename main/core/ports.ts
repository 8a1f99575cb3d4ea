/**
 * The ports: the small interfaces through which domain and application code reach the outside
 * (Electron, the OS, the log file) or a test's fake. The shell implements them with clipboard,
 * BrowserWindow, shell.openExternal/openPath, safeStorage; main/log/ with the rotating log file.
 * Every one is mandatory where it is taken: a failure nobody is told about leaves no trace.
 */
import type { InsertOutcome, RenderedReply, TemplatePreparation } from '../../common/ipc-contract';
import type { KnowledgeEntry } from '../../common/knowledge';
import type { CapturedContext, Prefill } from '../../common/templates/prefill-match';
import type { SyncServerConfig } from '../sync/sync-engine-deps';

/** Asynchronous like Electron 45's clipboard; plain text and optional HTML written together. */
import type { LibraryEvent } from '../../common/library-contract';

export interface ClipboardPort {
  write(content: RenderedReply): Promise<void>;
  /** Everything on the clipboard now, in every format it holds (images included), to put back later. */
  snapshot(): Promise<ClipboardSnapshot>;
  /** Puts a snapshot back: every format that was read; an empty snapshot clears the clipboard. */
  restore(snapshot: ClipboardSnapshot): Promise<void>;
}

/** What a clipboard adapter read; opaque apart from what it could not read. */
export interface ClipboardSnapshot {
  /** Formats (MIME types) that were on the clipboard but could not be read, so a restore loses them. */
  readonly unreadable: readonly string[];
}

export interface OverlayPort {
  /** Hides the overlay and gives focus back to the app the agent came from. */
  hide(): Promise<void>;
}

/** The Library window (main/shell/library-window.ts in the app; the harness records). */
export interface LibraryWindowPort {
  open(): Promise<void>;
  /** A Library page is showing: its live refresh runs only then. */
  isOpen(): boolean;
  /** An event for the Library page (main/application/library-live.ts); dropped when none is open. */
  send(event: LibraryEvent): void;
}

/**
 * The Library's bulk import file, chosen in an OS dialog and read by main (main/shell), never a
 * path from the page. `null`: the dialog was closed. A file over the limit is refused unread.
 */
export interface ImportFilePort {
  choose(): Promise<{ name: string; text: string } | null>;
}

export interface ExternalLinkPort {
  open(url: string): Promise<void>;
}

/**
 * Where failures that must not stop the app are told (the rotating log file in the app, stderr in
 * the CLI, an array in tests). Never pass a token or an entry body: the message and the error's
 * message and stack are written as they are (known secrets are masked as a last line of defence).
 */
export type Logger = (message: string, error?: unknown) => void;

/** Opens the folder with the app's log files in the OS file manager. */
export interface LogFolderPort {
  open(): Promise<void>;
}

/** Applies a hotkey for real (globalShortcut in the app). */
export interface HotkeyPort {
  apply(accelerator: string): { ok: true } | { ok: false; message: string };
  /** Set when the current hotkey could not be registered at start-up. */
  problem(): string | null;
}

/** Seals the server token at rest (Electron safeStorage in the app). */
export interface SecretCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export type RenderOutcome = { ok: true; reply: RenderedReply } | { ok: false; message: string };
export type PrefillOutcome = { ok: true; prefills: Record<string, Prefill> } | { ok: false; message: string };

/** Template fields and rendering (main/templates). */
export interface TemplateRenderer {
  prepare(entry: KnowledgeEntry): TemplatePreparation | Promise<TemplatePreparation>;
  render(entry: KnowledgeEntry, values: Record<string, string>): RenderOutcome | Promise<RenderOutcome>;
  /** Values for the fields a template declares with `{% prefill %}`, found in the agent's context (issue #18). */
  prefill(entry: KnowledgeEntry, context: CapturedContext): PrefillOutcome | Promise<PrefillOutcome>;
}

/**
 * What the agent had copied or selected, read when the overlay opens and only while the setting
 * is on (issue #18): Electron's clipboard in the app (main/shell/context-reader.ts), a fake in the harness.
 */
export interface ContextReaderPort {
  /** The clipboard's plain text ('' when it holds none). */
  clipboardText(): Promise<string>;
  /** The selected text where this OS lets an app read it (X11's PRIMARY selection on Linux); null elsewhere. */
  selectionText(): Promise<string | null>;
}

/** Puts a reply where the agent was typing (hide, restore focus, paste) or on the clipboard. */
export interface ReplyDeliverer {
  deliver(reply: RenderedReply, mode: 'paste' | 'copy', restoreClipboard: boolean): Promise<InsertOutcome>;
}

/** Sends the paste keystroke to whatever app has focus once the overlay has hidden (main/paste/ per OS). */
export interface PasteStrategy {
  readonly name: string;
  available(): Promise<boolean>;
  /**
   * Sends the paste shortcut that fits the focused window and resolves with it; rejects with a
   * PasteError (main/paste/paste-strategy.ts, carrying the shortcut the agent should press
   * instead) when it could not.
   */
  paste(): Promise<PasteSent>;
}

export interface PasteSent {
  /** The shortcut that went out, as the agent would read it ("Ctrl+Shift+V"). */
  shortcut: string;
}

/**
 * What a sender of the agent's queued items to the knowledge server takes (flags, usage
 * signals): the server as Settings name it now, the fetch to reach it, a clock and fresh ids.
 */
export interface ServerSenderDeps {
  fetch: typeof fetch;
  config: () => SyncServerConfig | null;
  now: () => Date;
  newId: () => string;
}

/** Injectable timers, so tests can drive backoff and timeouts; `realTimers` (main/sync/timers.ts) in the app. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Reads the values of one registry key (native-reg on Windows: main/settings/native-reg-registry.ts; a fake in tests). */
export interface RegistryPort {
  readValues(hive: 'HKLM' | 'HKCU', subKey: string): Record<string, unknown> | null;
}

/** How a PowerShell run ended: its exit code (null when it did not finish) and what it printed. */
export interface PowerShellRun {
  code: number | null;
  stdout: string;
}

/** Runs Windows PowerShell by its absolute System32 path (main/shell/updater.ts; a fake in tests). */
export type RunPowerShell = (args: readonly string[]) => Promise<PowerShellRun>;

/** The part of electron-updater's AppUpdater that main/update/ uses (main/shell/updater.ts hands it the real one). */
export interface UpdaterPort {
  channel: string | null;
  allowDowngrade: boolean;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  disableWebInstaller: boolean;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string; files: { url: string; sha512: string }[] } } | null>;
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}
