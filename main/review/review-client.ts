/**
 * The one HTTP client of the review API (issue #13's workflow, the Library's reads): the review
 * commands of the CLI and the Library window both send their requests through `callServer`, so a
 * refusal reads the same in both — the server's reason, its code and, for a 409, the current state
 * or version, kept as fields for the Library (a stale base opens the merge view).
 */
import type { z } from 'zod';
import { WorkflowErrorSchema } from '../../common/review-protocol';
import { HttpError, joinUrl, messageOf, readTextLimited } from '../sync/http';

export interface ServerTarget {
  serverUrl: string;
  token: string;
  /** The app and the harness pass theirs; the CLI uses the global one. */
  fetch?: typeof fetch;
}

export function authHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/json' };
}

/** Why the server did not do what was asked; `status` is null when it could not be reached. */
export class ServerRefusal extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    readonly currentVersion: number | null = null,
  ) {
    super(message);
    this.name = 'ServerRefusal';
  }
}

/**
 * The most one answer may be: an export page of 100 entries at the entry limits (200,000
 * characters, up to 6 bytes each JSON-escaped) stays below it; a Library page of 100 entries
 * whose open and live versions are all at the limit would not, and is refused with this reason.
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
    response = await (target.fetch ?? fetch)(joinUrl(target.serverUrl, path), {
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
    throw new ServerRefusal(messageOf(error), response.status);
  }
  if (!response.ok) throw refusalOf(response.status, text, response.statusText);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServerRefusal(`the server answered ${response.status} with something that is not JSON`, response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ServerRefusal(`unexpected answer from the server: ${parsed.error.issues[0]?.message ?? 'invalid'}`, response.status);
  return parsed.data;
}

export function describeRefusal(status: number, text: string, statusText = ''): string {
  return refusalOf(status, text, statusText).message;
}

function refusalOf(status: number, text: string, statusText: string): ServerRefusal {
  let body: z.infer<typeof WorkflowErrorSchema> | null = null;
  try {
    const parsed = WorkflowErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // not JSON: say what there was
  }
  if (!body) return new ServerRefusal(new HttpError(status, text.slice(0, 200).trim() || statusText || 'no message').message, status);
  const { code, message, currentState, currentVersion } = body.error;
  const extra = [
    currentState ? `current state: ${currentState}` : null,
    currentVersion !== undefined && currentVersion !== null ? `current version: ${currentVersion}` : null,
  ].filter((part) => part !== null);
  return new ServerRefusal(
    `${new HttpError(status, message).message} [${code}]${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`,
    status,
    code,
    currentVersion ?? null,
  );
}
