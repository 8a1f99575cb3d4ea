/**
 * What the review commands (approve, reject, verify, confirm-translation, rollback, history,
 * queue, export) share: `<id> --locale <l> --server <url> --token <t>` and one JSON request to
 * the server through the same URL, header and error helpers as publish and retire.
 */
import type { z } from 'zod';
import { EntryIdSchema, LocaleSchema } from '../../common/knowledge';
import { WorkflowErrorSchema } from '../../common/review-protocol';
import { HttpError, joinUrl, messageOf, readTextLimited } from '../sync/http';
import { authHeaders, serverArgs } from './server-args';
import { UsageError, parseArgs, stringFlag, type ParsedArgs } from '../../common/cli/args';
import type { CliIo } from './cli-io';

export { UsageError, intFlag, parseArgs, stringFlag, type ParsedArgs } from '../../common/cli/args';
export type { CliIo } from './cli-io';

export interface ServerTarget {
  serverUrl: string;
  token: string;
}

export interface EntryTarget extends ServerTarget {
  id: string;
  locale: string;
  parsed: ParsedArgs;
}

/** `<command> <id> --locale <l> --server <url> --token <t>` plus the command's own flags. */
export function entryTarget(command: string, args: readonly string[], valueFlags: readonly string[] = [], booleanFlags: readonly string[] = []): EntryTarget {
  const parsed = parseArgs(args, ['locale', 'server', 'token', ...valueFlags], booleanFlags);
  const [rawId, ...extra] = parsed.positionals;
  if (!rawId || extra.length > 0) throw new UsageError(`${command} needs exactly one <id>`);
  const id = EntryIdSchema.safeParse(rawId);
  if (!id.success) throw new UsageError(`<id> ${id.error.issues[0]?.message ?? 'is invalid'}`);
  const locale = LocaleSchema.safeParse(stringFlag(parsed, 'locale'));
  if (!locale.success) throw new UsageError('--locale <l> is required, e.g. --locale en');
  return { ...serverArgs(parsed), id: id.data, locale: locale.data, parsed };
}

export class ServerRefusal extends Error {}

/**
 * The most a review command reads of one answer: an export page of 100 entries at the entry
 * limits (200,000 characters, up to 6 bytes each JSON-escaped) stays below it.
 */
const MAX_ANSWER_BYTES = 128 * 1024 * 1024;

/**
 * One request, its answer checked against `schema`. A refusal becomes a ServerRefusal whose
 * message carries the server's reason, its code and, for a 409, the current state or version.
 */
export async function callServer<S extends z.ZodType>(
  target: ServerTarget,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(joinUrl(target.serverUrl, path), {
      method,
      headers: { ...authHeaders(target.token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ServerRefusal(`could not reach ${target.serverUrl}: ${messageOf(error)}`);
  }
  let text: string;
  try {
    text = await readTextLimited(response, MAX_ANSWER_BYTES, 'the server answer');
  } catch (error) {
    throw new ServerRefusal(messageOf(error));
  }
  if (!response.ok) throw new ServerRefusal(describeRefusal(response.status, text, response.statusText));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServerRefusal(`the server answered ${response.status} with something that is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ServerRefusal(`unexpected answer from the server: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export function describeRefusal(status: number, text: string, statusText = ''): string {
  let body: z.infer<typeof WorkflowErrorSchema> | null = null;
  try {
    const parsed = WorkflowErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // not JSON: say what there was
  }
  if (!body) return new HttpError(status, text.slice(0, 200).trim() || statusText || 'no message').message;
  const { code, message, currentState, currentVersion } = body.error;
  const extra = [
    currentState ? `current state: ${currentState}` : null,
    currentVersion !== undefined && currentVersion !== null ? `current version: ${currentVersion}` : null,
  ].filter((part) => part !== null);
  return `${new HttpError(status, message).message} [${code}]${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/** Runs a command body; a refusal is printed on stderr and exits 1. */
export async function reportRefusals(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ServerRefusal) {
      io.stderr(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
