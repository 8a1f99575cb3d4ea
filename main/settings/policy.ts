/**
 * Managed policy: IT pins the server, update channel and hotkey with a JSON file the agent
 * cannot edit. A malformed policy is reported and ignored as a whole — half-applying a policy
 * would leave the agent in a state IT never intended.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const ManagedPolicySchema = z
  .object({
    serverUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
    updateChannel: z.enum(['stable', 'beta']),
    hotkey: z.string().min(1).max(100),
    locale: z.string().min(2).max(20),
  })
  .partial()
  .strict();
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;

export interface LoadedPolicy {
  policy: ManagedPolicy;
  /** Set when a policy file exists but could not be used. */
  problem: string | null;
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

export async function loadPolicy(file: string): Promise<LoadedPolicy> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { policy: {}, problem: null };
    return { policy: {}, problem: `The managed policy ${file} could not be read (${(error as Error).message}); it was ignored.` };
  }
  return parsePolicy(text, file);
}

export function parsePolicy(text: string, file: string): LoadedPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { policy: {}, problem: `The managed policy ${file} is not valid JSON (${(error as Error).message}); it was ignored.` };
  }
  const parsed = ManagedPolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'policy';
    return { policy: {}, problem: `The managed policy ${file} is invalid at "${where}": ${issue?.message}; it was ignored.` };
  }
  return { policy: parsed.data, problem: null };
}
