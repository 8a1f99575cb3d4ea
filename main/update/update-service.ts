/**
 * Updates you can trust, in plain Node around electron-updater (main/shell/updater.ts hands it
 * the real autoUpdater). An update is installed only when: this install may update itself, the
 * policy allows it, it is newer (never a downgrade), the org's release key signed its manifest,
 * every file's SHA-512 matches that manifest before and after download, and — on Windows — the
 * installer's Authenticode signature was actually checked. The restart never happens while the
 * agent is using the overlay.
 */
import path from 'node:path';
import type { UpdaterPort } from '../core/ports';
import type { ManagedPolicy } from '../settings/policy-schema';
import type { AppUpdateConfigCheck } from './app-update-config';
import { parseEd25519PublicKey, type ReleaseKey } from './ed25519';
import { selfUpdateBlocker, type InstallKind } from './install-kind';
import { releaseManifestName, verifyManifest, type ReleaseManifest, type ReleaseOs, type UpdateChannel } from './release-manifest';
import { Listeners } from '../../common/listeners';

export type UpdateState =
  | { state: 'off'; reason: string }
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'downloading'; version: string }
  | { state: 'ready'; version: string }
  | { state: 'restart-pending'; version: string }
  | { state: 'refused'; version: string | null; reason: string }
  | { state: 'failed'; reason: string };

export interface UpdateServiceDeps {
  updater: UpdaterPort;
  kind: InstallKind;
  os: ReleaseOs;
  currentVersion: string;
  /** resources/app-update.yml as checked by parseAppUpdateConfig; null when it does not exist. */
  appUpdateConfig: AppUpdateConfigCheck | null;
  /** The release keys built into the app (base64 Ed25519); policy `releaseKey` replaces them. */
  builtInReleaseKeys: readonly string[];
  fetchText(url: string): Promise<string>;
  /** SHA-512 of a file, base64 (as latest.yml and the manifest write it). */
  hashFile(file: string): Promise<string>;
  /** True while the overlay is open or a form is being filled: no restart then. */
  isBusy(): boolean;
  log(message: string): void;
}

export class UpdateService {
  private current: UpdateState = { state: 'idle' };
  private policy: ManagedPolicy = {};
  private readonly listeners = new Listeners<UpdateState>();

  constructor(private readonly deps: UpdateServiceDeps) {}

  get state(): UpdateState {
    return this.current;
  }

  onState(listener: (state: UpdateState) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Applies (or re-applies) the managed policy: channel, on/off, release key. */
  configure(policy: ManagedPolicy): void {
    this.policy = policy;
    const { updater } = this.deps;
    const channel = this.channel();
    // electron-updater's channel setter silently turns allowDowngrade on, so it is turned off AFTER.
    updater.channel = channel === 'stable' ? 'latest' : channel;
    updater.allowDowngrade = false;
    updater.disableWebInstaller = true;
    updater.autoDownload = false;
    // Nothing installs on quit until this service has verified the download (see check()).
    if (this.current.state !== 'ready' && this.current.state !== 'restart-pending') updater.autoInstallOnAppQuit = false;
    const blocker = this.blocker();
    if (blocker) this.set({ state: 'off', reason: blocker });
    else if (this.current.state === 'off') this.set({ state: 'idle' });
  }

  /** One check → verify → download → verify cycle. Never throws: the outcome is the state. */
  async check(): Promise<UpdateState> {
    if (['off', 'checking', 'downloading', 'ready', 'restart-pending'].includes(this.current.state)) return this.current;
    this.set({ state: 'checking' });
    let version: string | null = null;
    try {
      const result = await this.deps.updater.checkForUpdates();
      if (!result?.isUpdateAvailable) return this.set({ state: 'idle' });
      version = result.updateInfo.version;
      const manifest = await this.signedManifest();
      if (!manifest.ok) return this.set({ state: 'refused', version, reason: manifest.message });
      const mismatch = feedMismatch(result.updateInfo, manifest.manifest);
      if (mismatch) return this.set({ state: 'refused', version, reason: mismatch });
      this.set({ state: 'downloading', version });
      const downloaded = await this.deps.updater.downloadUpdate();
      for (const file of downloaded) {
        const sha512 = await this.deps.hashFile(file);
        if (!manifest.manifest.files.some((f) => f.sha512 === sha512)) {
          return this.set({ state: 'refused', version, reason: `The downloaded ${path.basename(file)} does not match the signed release manifest.` });
        }
      }
      // A per-machine install needs elevation: it is only installed when the agent asks, never silently on quit.
      this.deps.updater.autoInstallOnAppQuit = this.deps.kind !== 'windows-per-machine';
      return this.set({ state: 'ready', version });
    } catch (error) {
      const reason = `The update check failed: ${String((error as Error).message ?? error).split('\n')[0]}`;
      return this.set(version === null ? { state: 'failed', reason } : { state: 'refused', version, reason });
    }
  }

  /** The agent chose "restart" in the tray: now, or as soon as the overlay is closed. */
  requestRestart(): void {
    if (this.current.state !== 'ready' && this.current.state !== 'restart-pending') return;
    if (this.deps.isBusy()) {
      this.set({ state: 'restart-pending', version: this.current.version });
      return;
    }
    this.install(this.current.version);
  }

  /** The shell calls this when the overlay closes; a pending restart goes ahead if nothing is busy. */
  noteIdle(): void {
    if (this.current.state === 'restart-pending' && !this.deps.isBusy()) this.install(this.current.version);
  }

  private install(version: string): void {
    this.deps.log(`installing update ${version}`);
    // Per user: silent, nothing to approve. Per machine: the installer shows its elevation
    // prompt, which the agent expects because they just chose "restart".
    this.deps.updater.quitAndInstall(this.deps.kind !== 'windows-per-machine', true);
  }

  private channel(): UpdateChannel {
    return this.policy.updateChannel ?? 'stable';
  }

  private trustedKeys(): ReleaseKey[] {
    const encoded = this.policy.releaseKey !== undefined ? [this.policy.releaseKey] : this.deps.builtInReleaseKeys;
    return encoded.flatMap((k) => {
      const parsed = parseEd25519PublicKey(k);
      return parsed.ok ? [parsed.key] : [];
    });
  }

  private blocker(): string | null {
    const installBlocker = selfUpdateBlocker(this.deps.kind);
    if (installBlocker) return installBlocker;
    if (this.policy.updates === 'off') return 'Updates are managed by your organisation.';
    const config = this.deps.appUpdateConfig;
    if (config === null) return 'This build has no update configuration (app-update.yml); updates are off.';
    if (!config.ok) return config.message;
    if (this.trustedKeys().length === 0) return 'No release key is pinned in this build, so no update could be verified; updates are off.';
    return null;
  }

  private async signedManifest(): Promise<ReturnType<typeof verifyManifest>> {
    const config = this.deps.appUpdateConfig;
    if (!config?.ok) throw new Error('no update configuration');
    const url = `${config.config.feedUrl}/${releaseManifestName(this.channel(), this.deps.os)}`;
    const text = await this.deps.fetchText(url);
    return verifyManifest(text, { trustedKeys: this.trustedKeys(), currentVersion: this.deps.currentVersion, channel: this.channel(), os: this.deps.os });
  }

  private set(state: UpdateState): UpdateState {
    this.current = state;
    if (state.state === 'refused' || state.state === 'failed') this.deps.log(`update ${state.state}: ${state.reason}`);
    this.listeners.emit(state);
    return state;
  }
}

/** latest.yml (what electron-updater downloads and checks) must say exactly what the signed manifest says. */
function feedMismatch(info: { version: string; files: { url: string; sha512: string }[] }, manifest: ReleaseManifest): string | null {
  if (info.version !== manifest.version) return `The update feed offers ${info.version} but the signed manifest is for ${manifest.version}.`;
  for (const file of info.files) {
    const name = path.posix.basename(safeDecode(file.url));
    const signed = manifest.files.find((f) => f.name === name);
    if (!signed) return `The update file ${name} is not in the signed release manifest.`;
    if (signed.sha512 !== file.sha512) return `The update file ${name} has a different hash from the signed release manifest.`;
  }
  return null;
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
