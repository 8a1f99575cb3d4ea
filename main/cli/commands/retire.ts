/**
 * `retire <id> --locale <l> [--key <file>] --server <url> --token <t>`: removes an entry from every
 * agent. With --key (issue #15) the live version is read from the server and its retirement signed
 * on this machine with the approver key; agents that pin the org root key remove an entry only on
 * such a signature (common/signing/retirement.ts). `retire --unsigned` lists (and with --sign signs)
 * retirements made without one: retire-unsigned.ts.
 */
import { EntryIdSchema, LocaleSchema } from '../../../common/knowledge';
import { canonicalLocale } from '../../../common/locale';
import { RetireResultSchema } from '../../../common/sync-protocol';
import { HttpError, errorMessageOf, joinUrl, messageOf } from '../../sync/http';
import { authHeaders, serverArgs } from '../server-args';
import { UsageError, parseArgs, stringFlag } from '../../../common/cli/args';
import type { KeyObject } from 'node:crypto';
import { VersionContentSchema } from '../../../common/library-protocol';
import { retirementPayload, type RetirementSignature } from '../../../common/signing/retirement';
import { versionContentPath } from '../../../common/signing/signing-protocol';
import { signText } from '../../signing/ed25519';
import { readKeyFile } from '../../signing/key-file';
import { ServerRefusal, callServer, type ServerTarget } from '../../review/review-client';
import type { CliIo } from '../cli-io';
import { RETIRE_UNSIGNED_USAGE, retireUnsigned } from './retire-unsigned';

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['locale', 'server', 'token', 'key'], ['unsigned', 'sign']);
  if (parsed.flags.get('unsigned') === true) return retireUnsigned(parsed, io);
  if (parsed.flags.has('sign')) throw new UsageError(`--sign goes with --unsigned: ${RETIRE_UNSIGNED_USAGE}`);
  const [rawId, ...extra] = parsed.positionals;
  if (!rawId || extra.length > 0) throw new UsageError('retire needs exactly one <id>');
  const id = EntryIdSchema.safeParse(rawId);
  if (!id.success) throw new UsageError(`<id> ${id.error.issues[0]?.message ?? 'is invalid'}`);
  const localeFlag = stringFlag(parsed, 'locale');
  const locale = LocaleSchema.safeParse(localeFlag === undefined ? undefined : canonicalLocale(localeFlag));
  if (!locale.success) throw new UsageError('--locale <l> is required, e.g. --locale en');
  const server = serverArgs(parsed);
  const keyFile = stringFlag(parsed, 'key');
  const key = keyFile === undefined ? null : await readKeyFile(keyFile, 'approver');
  let signature: RetirementSignature | null = null;
  if (key) {
    try {
      signature = await signRetirement(server, id.data, locale.data, key);
    } catch (error) {
      if (!(error instanceof ServerRefusal)) throw error;
      io.stderr(`error: ${error.message}`);
      return 1;
    }
  }

  const url = joinUrl(server.serverUrl, `/v1/entries/${encodeURIComponent(id.data)}?locale=${encodeURIComponent(locale.data)}`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'DELETE',
      headers: { ...authHeaders(server.token), ...(signature ? { 'content-type': 'application/json' } : {}) },
      ...(signature ? { body: JSON.stringify({ signature }) } : {}),
    });
  } catch (error) {
    io.stderr(`error: could not reach ${server.serverUrl}: ${messageOf(error)}`);
    return 1;
  }
  if (!response.ok) {
    io.stderr(`error: ${new HttpError(response.status, await errorMessageOf(response)).message}`);
    return 1;
  }
  const { retired } = RetireResultSchema.parse(await response.json());
  io.stdout(`retired ${retired.id} (${retired.locale}): version ${retired.version}, seq ${retired.seq}${signature ? ' (signed)' : ''}`);
  return 0;
}

/** The signature of retiring exactly the live version the server holds now, by this machine's key. */
async function signRetirement(server: ServerTarget, id: string, locale: string, key: { publicKey: string; privateKey: KeyObject }): Promise<RetirementSignature> {
  const live = await callServer(server, 'GET', versionContentPath(id, locale, 'live'), undefined, VersionContentSchema);
  const signer = { retiredAt: new Date().toISOString(), keyId: key.publicKey };
  return { version: live.version, ...signer, signature: signText(key.privateKey, retirementPayload({ id, locale, version: live.version }, signer)) };
}
