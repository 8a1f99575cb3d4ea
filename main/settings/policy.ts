/**
 * Managed policy: IT pins settings the agent cannot change. Each item is checked on its own
 * (policy-schema.ts): an invalid item is reported and ignored, the valid items still apply — a
 * typo in one value must not silently unpin the server URL. This module reads one source's raw
 * values into a policy; policy-sources.ts merges the sources, highest first.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ManagedPolicySchema, POLICY_ITEMS, type ManagedPolicy, type PolicyKey } from './policy-schema';

export { type ManagedPolicy } from './policy-schema';

/** A policy file larger than this is refused unread: real policies are a few hundred bytes. */
export const MAX_POLICY_FILE_BYTES = 256 * 1024;

export interface LoadedPolicy {
  policy: ManagedPolicy;
  /** One sentence per item (or file) that could not be used; each was ignored on its own. */
  problems: string[];
}

export function defaultPolicyFile(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Cuecard', 'policy.json');
    case 'darwin':
      return '/Library/Application Support/Cuecard/policy.json';
    default:
      return '/etc/cuecard/policy.json';
  }
}

/** Checks each raw value against its item's schema; `source` names where they came from. */
export function parsePolicyItems(raw: unknown, source: string): LoadedPolicy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { policy: {}, problems: [`The managed policy ${source} is not a set of named values; it was ignored.`] };
  }
  const policy: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(POLICY_ITEMS, key)) {
      problems.push(`The managed policy ${source} has an unknown item "${printable(key)}"; it was ignored.`);
      continue;
    }
    const parsed = POLICY_ITEMS[key as PolicyKey].safeParse(value);
    if (parsed.success) policy[key] = parsed.data;
    else problems.push(`The managed policy ${source} is invalid at "${key}": ${withoutFullStop(parsed.error.issues[0]?.message ?? 'invalid value')}; that item was ignored.`);
  }
  return { policy: ManagedPolicySchema.parse(policy), problems };
}

/** Reasons from shared rules (hotkeys, server URLs) end in a full stop; the sentence goes on after them. */
function withoutFullStop(reason: string): string {
  return reason.endsWith('.') ? reason.slice(0, -1) : reason;
}

/** A JSON policy's raw values; a leading UTF-8 BOM (Windows PowerShell 5.1 writes one) is skipped. */
export function parsePolicyJson(text: string, file: string): { raw: unknown; problems: string[] } {
  try {
    return { raw: JSON.parse(text.replace(/^\uFEFF/, '')), problems: [] };
  } catch (error) {
    return { raw: {}, problems: [`The managed policy ${file} is not valid JSON (${(error as Error).message}); it was ignored.`] };
  }
}

/** Reads the raw JSON values of a policy file; null when there is none. */
export async function readPolicyFile(file: string): Promise<{ raw: unknown; problems: string[] } | null> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { raw: {}, problems: [`The managed policy ${file} is not a file; it was ignored.`] };
    if (stat.size > MAX_POLICY_FILE_BYTES) {
      return { raw: {}, problems: [`The managed policy ${file} is larger than ${MAX_POLICY_FILE_BYTES} bytes; it was ignored.`] };
    }
    bytes = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { raw: {}, problems: [`The managed policy ${file} could not be read (${(error as Error).message}); it was ignored.`] };
  }
  return parsePolicyJson(bytes.toString('utf8'), file);
}

function printable(key: string): string {
  return JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key).slice(1, -1);
}
