/**
 * The one way a main-process function becomes reachable from a page: `handle(channel, schema, fn)`.
 * Every call is checked for its sender (only our app:// pages), its payload (zod) and always
 * answers `{ ok, value } | { ok: false, error }` — a throw never crosses the process boundary raw.
 */
import type { ZodType } from 'zod';
import {
  APP_HOST,
  APP_PROTOCOL,
  CHANNELS,
  type ChannelKey,
  type ErrorCode,
  type IpcResult,
  type ParsedRequestOf,
  type ResponseTypes,
} from '../../common/ipc-contract';
import { assertNever } from '../../common/assert-never';
import { DomainError, type DomainErrorCode } from '../core/domain-error';
import type { Logger } from '../core/ports';

export interface CallContext {
  /** URL of the frame that sent the call (`event.senderFrame.url`). */
  senderUrl: string | undefined;
}

export interface RegisteredHandler {
  channel: string;
  invoke(senderUrl: string | undefined, payload: unknown): Promise<IpcResult<unknown>>;
}


/**
 * `new URL('app://cuecard/x').origin` is the string "null" for custom schemes, so the check
 * compares protocol and host instead of origin.
 */
export function isTrustedSender(senderUrl: string | undefined): boolean {
  if (!senderUrl) return false;
  try {
    const url = new URL(senderUrl);
    return url.protocol === `${APP_PROTOCOL}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export function handle<K extends ChannelKey>(
  key: K,
  schema: ZodType<ParsedRequestOf<K>>,
  fn: (request: ParsedRequestOf<K>, context: CallContext) => Promise<ResponseTypes[K]> | ResponseTypes[K],
  log: Logger,
): RegisteredHandler {
  return handleChannel(CHANNELS[key], schema, fn, log, {});
}

export interface ChannelRules {
  /** The one page path (e.g. `/library.html`) whose calls are answered; any app:// page when unset. */
  pagePath?: string;
  /** Runs after the sender and payload checks, before `fn`; throws a DomainError to refuse (the Library's role check). */
  guard?: () => Promise<void>;
}

/** `handle()` for any channel name: the Library's channels (main/ipc/library-routes.ts) go through it too. */
export function handleChannel<Req, Res>(
  channel: string,
  schema: ZodType<Req>,
  fn: (request: Req, context: CallContext) => Promise<Res> | Res,
  log: Logger,
  rules: ChannelRules,
): RegisteredHandler {
  return {
    channel,
    async invoke(senderUrl, payload) {
      if (!isTrustedSender(senderUrl) || (rules.pagePath !== undefined && pathOf(senderUrl) !== rules.pagePath)) {
        log(`refused ${channel} from untrusted sender ${String(senderUrl)}`);
        return fail('forbidden_sender', `Calls to ${channel} are only accepted from Cuecard's own pages.`);
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'request';
        return fail('bad_request', `Invalid ${channel} request: ${where}: ${issue?.message ?? 'invalid'}`);
      }
      try {
        await rules.guard?.();
        return { ok: true, value: await fn(parsed.data, { senderUrl }) };
      } catch (error) {
        if (error instanceof DomainError) return fail(ipcErrorCode(error.code), error.message);
        log(`${channel} failed`, error);
        return fail('internal', `Something went wrong in ${channel}; details are in the log.`);
      }
    },
  };
}

function pathOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '').pathname;
  } catch {
    return null;
  }
}

/** The contract's error code for a domain error (the renderer acts on these codes). */
function ipcErrorCode(code: DomainErrorCode): ErrorCode {
  switch (code) {
    case 'invalid_input':
    case 'managed_by_policy':
      return 'bad_request';
    case 'secure_storage_unavailable':
    case 'server_not_configured':
    case 'server_unreachable':
      return 'unavailable';
    case 'refused_signature':
      return 'not_found';
    case 'forbidden_role':
    case 'conflict':
    case 'refused':
      return code;
    case 'not_found':
    case 'invalid_hotkey':
    case 'hotkey_taken':
    case 'template_error':
      return code;
    default:
      return assertNever(code);
  }
}

function fail(code: ErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** Looks a channel up among registered handlers; an unknown channel gets a clean error, not a throw. */
export class IpcRouter {
  private readonly byChannel = new Map<string, RegisteredHandler>();

  constructor(handlers: readonly RegisteredHandler[]) {
    for (const handler of handlers) this.byChannel.set(handler.channel, handler);
  }

  get channels(): string[] {
    return [...this.byChannel.keys()];
  }

  dispatch(channel: string, senderUrl: string | undefined, payload: unknown): Promise<IpcResult<unknown>> {
    const handler = this.byChannel.get(channel);
    if (!handler) {
      return Promise.resolve(fail('unknown_channel', `There is no IPC channel named "${channel}".`));
    }
    return handler.invoke(senderUrl, payload);
  }
}
