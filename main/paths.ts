/**
 * Where Cuecard keeps its data. The DB must live in a local, non-roaming folder: a roaming
 * profile would copy a large, constantly written SQLite file between machines at logon and
 * could corrupt it. Electron's userData is roaming on Windows (%APPDATA%), so it is not used.
 */
import os from 'node:os';
import path from 'node:path';

export interface PathEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
}

const currentEnvironment = (): PathEnvironment => ({
  platform: process.platform,
  env: process.env,
  homedir: os.homedir(),
});

export function defaultDataDir(environment: PathEnvironment = currentEnvironment()): string {
  const { platform, env, homedir } = environment;
  if (env.CUECARD_DATA_DIR) return env.CUECARD_DATA_DIR;
  switch (platform) {
    case 'win32':
      return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(homedir, 'AppData', 'Local'), 'Cuecard');
    case 'darwin':
      return path.posix.join(homedir, 'Library', 'Application Support', 'Cuecard');
    default:
      return path.posix.join(env.XDG_DATA_HOME ?? path.posix.join(homedir, '.local', 'share'), 'cuecard');
  }
}

export const DB_FILE_NAME = 'cuecard.db';
export const SEARCH_INDEX_DIR_NAME = 'search-index';

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DB_FILE_NAME);
}
