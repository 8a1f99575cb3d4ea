/**
 * Where managed policy comes from, highest first: Windows HKLM then HKCU
 * `SOFTWARE\Policies\Cuecard` (Group Policy / Intune), macOS managed preferences (the forced
 * values an MDM profile installs for the app's domain), then the JSON file. An item invalid in a
 * higher source is reported and the next source's value for it is used; valid items merge.
 */
import { parse as parseXmlPlist, parseBinary as parseBinaryPlist } from 'plist';
import { defaultPolicyFile, MAX_POLICY_FILE_BYTES, parsePolicyItems, readPolicyFile, type LoadedPolicy } from './policy';
import type { RegistryPort } from '../core/ports';
import type { ManagedPolicy } from './policy-schema';

export const POLICY_REGISTRY_KEY = 'SOFTWARE\\Policies\\Cuecard';
export const MAC_BUNDLE_ID = 'com.cuecard.app';

export interface PolicySource {
  /** Where the values come from, as IT would name it in a problem report. */
  name: string;
  /** The raw values, or null when the source does not exist. */
  read(): Promise<{ raw: unknown; problems: string[] } | null>;
}

export function registrySource(registry: RegistryPort, hive: 'HKLM' | 'HKCU'): PolicySource {
  const name = `${hive}\\${POLICY_REGISTRY_KEY}`;
  return {
    name,
    read: async () => {
      const values = registry.readValues(hive, POLICY_REGISTRY_KEY);
      return values === null ? null : { raw: values, problems: [] };
    },
  };
}

export type ReadFile = (file: string) => Promise<Buffer>;

/** A managed-preferences plist (XML or binary) as a source; missing file = no source. */
export function plistSource(file: string, readFile: ReadFile): PolicySource {
  return {
    name: file,
    read: async () => {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        return { raw: {}, problems: [`The managed preferences ${file} could not be read (${(error as Error).message}); they were ignored.`] };
      }
      if (bytes.length > MAX_POLICY_FILE_BYTES) {
        return { raw: {}, problems: [`The managed preferences ${file} are larger than ${MAX_POLICY_FILE_BYTES} bytes; they were ignored.`] };
      }
      try {
        const isBinary = bytes.subarray(0, 6).toString('latin1') === 'bplist';
        return { raw: isBinary ? parseBinaryPlist(bytes) : parseXmlPlist(bytes.toString('utf8')), problems: [] };
      } catch (error) {
        return { raw: {}, problems: [`The managed preferences ${file} are not a valid property list (${(error as Error).message}); they were ignored.`] };
      }
    },
  };
}

/** Forced values for one user, then for the whole device, as macOS's mdmclient writes them. */
export function macManagedPreferenceFiles(user: string, bundleId = MAC_BUNDLE_ID): string[] {
  const safeUser = user.replace(/[/\\]/g, '');
  return [`/Library/Managed Preferences/${safeUser}/${bundleId}.plist`, `/Library/Managed Preferences/${bundleId}.plist`];
}

export function jsonFileSource(file: string): PolicySource {
  return { name: file, read: () => readPolicyFile(file) };
}

export interface PolicyEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  user: string;
  /** Only on Windows: the registry reader (native-reg), loaded by the caller. */
  registry?: RegistryPort;
  readFile: ReadFile;
}

export function policySources(environment: PolicyEnvironment): PolicySource[] {
  const { platform, env } = environment;
  const json = jsonFileSource(defaultPolicyFile(platform, env));
  switch (platform) {
    case 'win32':
      return environment.registry ? [registrySource(environment.registry, 'HKLM'), registrySource(environment.registry, 'HKCU'), json] : [json];
    case 'darwin':
      return [...macManagedPreferenceFiles(environment.user).map((file) => plistSource(file, environment.readFile)), json];
    default:
      return [json];
  }
}

/** Merges the sources, highest first: the first valid value of each item wins. */
export async function loadManagedPolicy(sources: readonly PolicySource[]): Promise<LoadedPolicy> {
  const policy: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const source of sources) {
    let read: Awaited<ReturnType<PolicySource['read']>>;
    try {
      read = await source.read();
    } catch (error) {
      problems.push(`The managed policy ${source.name} could not be read (${(error as Error).message}); it was ignored.`);
      continue;
    }
    if (read === null) continue;
    problems.push(...read.problems);
    const parsed = parsePolicyItems(read.raw, source.name);
    problems.push(...parsed.problems);
    for (const [key, value] of Object.entries(parsed.policy)) {
      if (!(key in policy)) policy[key] = value;
    }
  }
  return { policy: policy as ManagedPolicy, problems };
}
