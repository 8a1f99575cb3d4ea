/**
 * electron-builder writes resources/app-update.yml into every packaged app: the feed URL and, on
 * Windows, the publisher names the downloaded installer must be signed by. electron-updater 6
 * skips the Windows signature check entirely when publisherName is missing (and when the file is
 * missing), so Cuecard reads the file itself and refuses to update without it: fail closed.
 */
import { parse as parseYaml } from 'yaml';
import { checkServerUrl } from '../../common/net/server-url';

export interface AppUpdateConfig {
  feedUrl: string;
  publisherNames: string[];
}

export type AppUpdateConfigCheck = { ok: true; config: AppUpdateConfig } | { ok: false; message: string };

export function parseAppUpdateConfig(text: string, platform: NodeJS.Platform): AppUpdateConfigCheck {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 0 });
  } catch (error) {
    return { ok: false, message: `app-update.yml is not valid YAML (${(error as Error).message.split('\n')[0]}).` };
  }
  if (typeof raw !== 'object' || raw === null) return { ok: false, message: 'app-update.yml is empty.' };
  const fields = raw as Record<string, unknown>;
  if (fields.provider !== 'generic' || typeof fields.url !== 'string') {
    return { ok: false, message: 'app-update.yml must name a generic provider with a url.' };
  }
  const url = checkServerUrl(fields.url);
  if (!url.ok || url.url === '') return { ok: false, message: `app-update.yml's url is refused: ${url.ok ? 'it is empty' : url.message}` };
  const names = fields.publisherName;
  const publisherNames = typeof names === 'string' ? [names] : Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && n !== '') : [];
  if (platform === 'win32' && publisherNames.length === 0) {
    return { ok: false, message: 'app-update.yml has no publisherName, so the installer signature could not be checked; updates are off.' };
  }
  return { ok: true, config: { feedUrl: url.url, publisherNames } };
}
