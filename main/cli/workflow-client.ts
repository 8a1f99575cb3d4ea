/**
 * What the review commands (approve, reject, verify, confirm-translation, rollback, history,
 * queue, export) share: `<id> --locale <l> --server <url> --token <t>`; their requests go through
 * main/review/review-client.ts, the HTTP client the Library window uses too.
 */
import { EntryIdSchema, LocaleSchema } from '../../common/knowledge';
import { KEY_NOT_REGISTERED_CODE } from '../../common/signing/signing-protocol';
import { ServerRefusal, type ServerTarget } from '../review/review-client';
import { serverArgs } from './server-args';
import { UsageError, parseArgs, stringFlag, type ParsedArgs } from '../../common/cli/args';
import type { CliIo } from './cli-io';

export { UsageError, intFlag, parseArgs, stringFlag, type ParsedArgs } from '../../common/cli/args';
export type { CliIo } from './cli-io';

export { callServer, describeRefusal, type ServerTarget } from '../review/review-client';

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

/** What the command line adds to a signing refusal (the server's text names no tool; the Library adds its own). */
function cliHint(code: string | null): string {
  if (code === KEY_NOT_REGISTERED_CODE) return '; run `keys register` first';
  if (code === 'signature_required') return '; approve with --key <file>';
  return '';
}

/** Runs a command body; a refusal is printed on stderr and exits 1. */
export async function reportRefusals(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ServerRefusal) {
      io.stderr(`error: ${error.message}${cliHint(error.code)}`);
      return 1;
    }
    throw error;
  }
}
