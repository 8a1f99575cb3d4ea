/**
 * How this copy of Cuecard was installed decides who updates it. Only NSIS (Windows) and the
 * macOS zip carry a signature the updater checks and belong to the app itself; a deb belongs to
 * the package manager (electron-updater 6 would install it with --allow-unauthenticated), an
 * AppImage has only a SHA-512 and no signature, and electron-updater cannot update an MSI.
 */
import path from 'node:path';

export type InstallKind = 'development' | 'windows-per-user' | 'windows-per-machine' | 'windows-msi' | 'mac' | 'deb' | 'appimage' | 'linux-other';

export interface InstallFacts {
  packaged: boolean;
  platform: NodeJS.Platform;
  /** The app's executable (process.execPath). */
  execPath: string;
  env: Record<string, string | undefined>;
  /** Whether a file exists (the NSIS uninstaller; electron-builder's resources/package-type). */
  exists(file: string): boolean;
  /** resources/package-type as electron-builder writes it for deb/rpm, or null. */
  packageType: string | null;
}

export const NSIS_UNINSTALLER = 'Uninstall Cuecard.exe';

export function installKind(facts: InstallFacts): InstallKind {
  if (!facts.packaged) return 'development';
  switch (facts.platform) {
    case 'win32': {
      const dir = path.win32.dirname(facts.execPath);
      // NSIS leaves its uninstaller beside the exe; an MSI install has none (Windows Installer owns it).
      if (!facts.exists(path.win32.join(dir, NSIS_UNINSTALLER))) return 'windows-msi';
      return isUnder(dir, [facts.env.ProgramFiles, facts.env['ProgramFiles(x86)'], facts.env.ProgramW6432]) ? 'windows-per-machine' : 'windows-per-user';
    }
    case 'darwin':
      return 'mac';
    default:
      if (facts.packageType !== null) return facts.packageType.trim() === 'deb' ? 'deb' : 'linux-other';
      return facts.env.APPIMAGE ? 'appimage' : 'linux-other';
  }
}

function isUnder(dir: string, roots: (string | undefined)[]): boolean {
  const lower = dir.toLowerCase();
  return roots.some((root) => root !== undefined && root !== '' && lower.startsWith(root.toLowerCase().replace(/\\?$/, '\\')));
}

/** Why this install never updates itself, or null when it may. Shown in the tray. */
export function selfUpdateBlocker(kind: InstallKind): string | null {
  switch (kind) {
    case 'windows-per-user':
    case 'windows-per-machine':
    case 'mac':
      return null;
    case 'development':
      return 'Updates are off in a development build.';
    case 'windows-msi':
    case 'deb':
    case 'appimage':
    case 'linux-other':
      return 'Updates come from your package manager or IT.';
  }
}
