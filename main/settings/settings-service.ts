/**
 * The agent's settings: persisted in the settings table, overridden by managed policy, the
 * token kept encrypted (Electron safeStorage in the app, injected so tests run in Node).
 */
import { z } from 'zod';
import type { SettingsUpdate, SettingsView } from '../../common/ipc-contract';
import { LocaleSchema } from '../../common/knowledge';
import { checkServerUrl } from '../../common/net/server-url';
import { DomainError } from '../core/domain-error';
import type { HotkeyPort, SecretCipher } from '../core/ports';
import type { KeyValueStore } from '../store/key-value-store';
import { checkAccelerator } from '../../common/accelerator';
import { publicKeyProblem } from '../../common/signing/formats';
import { LOCKED_SETTINGS, type ManagedPolicy } from './policy-schema';
import { Listeners } from '../../common/listeners';

export const DEFAULT_HOTKEY = 'CommandOrControl+Shift+Space';

const StoredSettingsSchema = z.object({
  hotkey: z.string().catch(DEFAULT_HOTKEY),
  locale: LocaleSchema.catch('en'),
  fallbackLocales: z.array(LocaleSchema).catch(['en']),
  pasteMode: z.enum(['paste', 'copy']).catch('paste'),
  restoreClipboard: z.boolean().catch(false),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  serverUrl: z.string().catch(''),
  sealedToken: z.string().catch(''),
  /** Signed knowledge (issue #15): the org root key the agent pinned (when no policy pins one); '' = none. */
  orgRootKey: z.string().catch(''),
  /** Usage signals (issue #18): on unless the agent or the policy turns them off. */
  usageReports: z.boolean().catch(true),
  /** Context-filled variables (issue #18): off unless the agent or the policy turns it on. */
  contextCapture: z.boolean().catch(false),
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
  private readonly listeners = new Listeners<SettingsView>();

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
    // The agent has chosen a hotkey when it differs from the built-in one; until then IT's default applies.
    const chosenHotkey = rest.hotkey !== DEFAULT_HOTKEY ? rest.hotkey : (policy.defaultHotkey ?? rest.hotkey);
    return {
      ...rest,
      hotkey: policy.hotkey ?? chosenHotkey,
      serverUrl: policy.serverUrl ?? rest.serverUrl,
      locale: policy.locale ?? rest.locale,
      pasteMode: policy.pasteMode ?? rest.pasteMode,
      orgRootKey: policy.orgRootKey ?? (publicKeyProblem(rest.orgRootKey) === null ? rest.orgRootKey : ''),
      usageReports: policy.usageReports === undefined ? rest.usageReports : policy.usageReports === 'on',
      contextCapture: policy.contextCapture === undefined ? rest.contextCapture : policy.contextCapture === 'on',
    };
  }

  /** Whether the policy lets usage reports carry the text of missed searches (default off). */
  get reportQueryText(): boolean {
    return this.deps.policy.reportQueryText === 'on';
  }

  /** Decrypted token, or '' when none is stored or it cannot be decrypted on this machine. */
  token(): string {
    if (this.deps.policy.token !== undefined) return this.deps.policy.token;
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

  /** A re-read policy: takes effect at once and is never written into the stored settings. */
  setPolicy(policy: ManagedPolicy): void {
    this.deps.policy = policy;
    const view = this.view();
    this.listeners.emit(view);
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
      hasToken: this.current.sealedToken !== '' || this.deps.policy.token !== undefined,
      orgRootKey: effective.orgRootKey,
      usageReports: effective.usageReports,
      contextCapture: effective.contextCapture,
      pinned: [...LOCKED_SETTINGS, 'orgRootKey' as const].filter((k) => this.deps.policy[k] !== undefined),
    };
  }

  onChange(listener: (view: SettingsView) => void): () => void {
    return this.listeners.add(listener);
  }

  async update(update: SettingsUpdate): Promise<SettingsView> {
    const pinned = this.view().pinned.filter((k) => k in update && update[k as keyof SettingsUpdate] !== undefined);
    if (pinned.length > 0) {
      throw new DomainError('managed_by_policy', `${pinned.join(', ')} ${pinned.length > 1 ? 'are' : 'is'} managed by your organisation and cannot be changed here.`);
    }
    const next: StoredSettings = { ...this.current };
    if (update.hotkey !== undefined) next.hotkey = this.applyHotkey(update.hotkey);
    if (update.locale !== undefined) next.locale = update.locale;
    if (update.fallbackLocales !== undefined) next.fallbackLocales = update.fallbackLocales;
    if (update.pasteMode !== undefined) next.pasteMode = update.pasteMode;
    if (update.restoreClipboard !== undefined) next.restoreClipboard = update.restoreClipboard;
    if (update.theme !== undefined) next.theme = update.theme;
    if (update.usageReports !== undefined) next.usageReports = update.usageReports;
    if (update.contextCapture !== undefined) next.contextCapture = update.contextCapture;
    if (update.serverUrl !== undefined) next.serverUrl = acceptServerUrl(update.serverUrl);
    if (update.token !== undefined) next.sealedToken = update.token === '' ? '' : this.seal(update.token);
    if (update.orgRootKey !== undefined) next.orgRootKey = acceptOrgRootKey(update.orgRootKey);
    await this.deps.store.setMany(next);
    this.current = next;
    const view = this.view();
    this.listeners.emit(view);
    return view;
  }

  private applyHotkey(requested: string): string {
    const checked = checkAccelerator(requested);
    if (!checked.ok) throw new DomainError('invalid_hotkey', checked.message);
    if (checked.accelerator === this.current.hotkey) return checked.accelerator;
    const applied = this.deps.hotkey?.apply(checked.accelerator) ?? { ok: true as const };
    if (!applied.ok) throw new DomainError('hotkey_taken', applied.message);
    return checked.accelerator;
  }

  private seal(token: string): string {
    try {
      return this.deps.cipher.encrypt(token);
    } catch (error) {
      throw new DomainError('secure_storage_unavailable', `The token could not be stored securely on this system: ${(error as Error).message}`);
    }
  }
}

function acceptOrgRootKey(key: string): string {
  const trimmed = key.trim();
  const problem = trimmed === '' ? null : publicKeyProblem(trimmed);
  if (problem) throw new DomainError('invalid_input', `The organisation root key is not valid: ${problem}.`);
  return trimmed;
}

function acceptServerUrl(url: string): string {
  const checked = checkServerUrl(url);
  if (!checked.ok) throw new DomainError('invalid_input', checked.message);
  return checked.url;
}
