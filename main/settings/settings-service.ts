/**
 * The agent's settings: persisted in the settings table, overridden by managed policy, the
 * token kept encrypted (Electron safeStorage in the app, injected so tests run in Node).
 */
import { z } from 'zod';
import type { SettingsUpdate, SettingsView } from '../../common/ipc-contract';
import { LocaleSchema } from '../../common/knowledge';
import { IpcFailure } from '../ipc/ipc-failure';
import type { KeyValueStore } from '../store/key-value-store';
import { checkAccelerator } from '../../common/accelerator';
import type { ManagedPolicy } from './policy';

export const DEFAULT_HOTKEY = 'CommandOrControl+Shift+Space';

/** Applies a hotkey for real (globalShortcut in the app). */
export interface HotkeyPort {
  apply(accelerator: string): { ok: true } | { ok: false; message: string };
  /** Set when the current hotkey could not be registered at start-up. */
  problem(): string | null;
}

export interface SecretCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

const StoredSettingsSchema = z.object({
  hotkey: z.string().catch(DEFAULT_HOTKEY),
  locale: LocaleSchema.catch('en'),
  fallbackLocales: z.array(LocaleSchema).catch(['en']),
  pasteMode: z.enum(['paste', 'copy']).catch('paste'),
  restoreClipboard: z.boolean().catch(false),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  serverUrl: z.string().catch(''),
  sealedToken: z.string().catch(''),
});
type StoredSettings = z.infer<typeof StoredSettingsSchema>;

export interface SettingsServiceDeps {
  store: KeyValueStore;
  cipher: SecretCipher;
  policy: ManagedPolicy;
  hotkey?: HotkeyPort;
}

export class SettingsService {
  private current: StoredSettings;
  private readonly listeners = new Set<(view: SettingsView) => void>();

  private constructor(
    private readonly deps: SettingsServiceDeps,
    stored: StoredSettings,
  ) {
    this.current = stored;
  }

  static async load(deps: SettingsServiceDeps): Promise<SettingsService> {
    const all = await deps.store.getAll();
    const stored = StoredSettingsSchema.parse(Object.fromEntries(Object.keys(StoredSettingsSchema.shape).map((k) => [k, all.get(k)])));
    return new SettingsService(deps, stored);
  }

  /** The settings in force: policy wins over what the agent chose. */
  get effective(): Omit<StoredSettings, 'sealedToken'> {
    const { sealedToken: _sealed, ...rest } = this.current;
    const { policy } = this.deps;
    return {
      ...rest,
      hotkey: policy.hotkey ?? rest.hotkey,
      serverUrl: policy.serverUrl ?? rest.serverUrl,
      locale: policy.locale ?? rest.locale,
    };
  }

  /** Decrypted token, or '' when none is stored or it cannot be decrypted on this machine. */
  token(): string {
    if (!this.current.sealedToken) return '';
    try {
      return this.deps.cipher.decrypt(this.current.sealedToken);
    } catch {
      return '';
    }
  }

  setHotkeyPort(port: HotkeyPort): void {
    this.deps.hotkey = port;
  }

  view(): SettingsView {
    const effective = this.effective;
    return {
      hotkey: effective.hotkey,
      hotkeyProblem: this.deps.hotkey?.problem() ?? null,
      locale: effective.locale,
      fallbackLocales: effective.fallbackLocales,
      pasteMode: effective.pasteMode,
      restoreClipboard: effective.restoreClipboard,
      theme: effective.theme,
      serverUrl: effective.serverUrl,
      hasToken: this.current.sealedToken !== '',
      pinned: Object.keys(this.deps.policy).filter((k) => k !== 'updateChannel'),
    };
  }

  onChange(listener: (view: SettingsView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async update(update: SettingsUpdate): Promise<SettingsView> {
    const pinned = this.view().pinned.filter((k) => k in update && update[k as keyof SettingsUpdate] !== undefined);
    if (pinned.length > 0) {
      throw new IpcFailure('bad_request', `${pinned.join(', ')} ${pinned.length > 1 ? 'are' : 'is'} managed by your organisation and cannot be changed here.`);
    }
    const next: StoredSettings = { ...this.current };
    if (update.hotkey !== undefined) next.hotkey = this.applyHotkey(update.hotkey);
    if (update.locale !== undefined) next.locale = update.locale;
    if (update.fallbackLocales !== undefined) next.fallbackLocales = update.fallbackLocales;
    if (update.pasteMode !== undefined) next.pasteMode = update.pasteMode;
    if (update.restoreClipboard !== undefined) next.restoreClipboard = update.restoreClipboard;
    if (update.theme !== undefined) next.theme = update.theme;
    if (update.serverUrl !== undefined) next.serverUrl = checkServerUrl(update.serverUrl);
    if (update.token !== undefined) next.sealedToken = update.token === '' ? '' : this.seal(update.token);
    await this.deps.store.setMany(next);
    this.current = next;
    const view = this.view();
    for (const listener of this.listeners) listener(view);
    return view;
  }

  private applyHotkey(requested: string): string {
    const checked = checkAccelerator(requested);
    if (!checked.ok) throw new IpcFailure('invalid_hotkey', checked.message);
    if (checked.accelerator === this.current.hotkey) return checked.accelerator;
    const applied = this.deps.hotkey?.apply(checked.accelerator) ?? { ok: true as const };
    if (!applied.ok) throw new IpcFailure('hotkey_taken', applied.message);
    return checked.accelerator;
  }

  private seal(token: string): string {
    try {
      return this.deps.cipher.encrypt(token);
    } catch (error) {
      throw new IpcFailure('unavailable', `The token could not be stored securely on this system: ${(error as Error).message}`);
    }
  }
}

function checkServerUrl(url: string): string {
  if (url === '') return '';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new IpcFailure('bad_request', `"${url}" is not a URL.`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopback(parsed.hostname))) {
    throw new IpcFailure('bad_request', 'The server URL must use https:// (http:// only for a server on this computer).');
  }
  return parsed.toString().replace(/\/$/, '');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}
