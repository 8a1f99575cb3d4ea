/** `retire <id> --locale <l> --server <url> --token <t>`: removes an entry from every agent. */
import { EntryIdSchema, LocaleSchema } from '../../../common/knowledge';
import { canonicalLocale } from '../../../common/locale';
import { RetireResultSchema } from '../../../common/sync-protocol';
import { HttpError, errorMessageOf, joinUrl, messageOf } from '../../sync/http';
import { authHeaders, serverArgs } from '../server-args';
import { UsageError, parseArgs, stringFlag } from '../../../common/cli/args';
import type { CliIo } from '../cli-io';

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['locale', 'server', 'token']);
  const [rawId, ...extra] = parsed.positionals;
  if (!rawId || extra.length > 0) throw new UsageError('retire needs exactly one <id>');
  const id = EntryIdSchema.safeParse(rawId);
  if (!id.success) throw new UsageError(`<id> ${id.error.issues[0]?.message ?? 'is invalid'}`);
  const localeFlag = stringFlag(parsed, 'locale');
  const locale = LocaleSchema.safeParse(localeFlag === undefined ? undefined : canonicalLocale(localeFlag));
  if (!locale.success) throw new UsageError('--locale <l> is required, e.g. --locale en');
  const server = serverArgs(parsed);

  const url = joinUrl(server.serverUrl, `/v1/entries/${encodeURIComponent(id.data)}?locale=${encodeURIComponent(locale.data)}`);
  let response: Response;
  try {
    response = await fetch(url, { method: 'DELETE', headers: authHeaders(server.token) });
  } catch (error) {
    io.stderr(`error: could not reach ${server.serverUrl}: ${messageOf(error)}`);
    return 1;
  }
  if (!response.ok) {
    io.stderr(`error: ${new HttpError(response.status, await errorMessageOf(response)).message}`);
    return 1;
  }
  const { retired } = RetireResultSchema.parse(await response.json());
  io.stdout(`retired ${retired.id} (${retired.locale}): version ${retired.version}, seq ${retired.seq}`);
  return 0;
}
