/**
 * `show <id> --locale <l> --data-dir <dir> [--json] [--org-root-key <pk>]` (issue #15): prints a
 * stored entry after verifying it under the root key it was synced with (or the one given); a
 * refused entry prints nothing on stdout and exits 1 naming the reason. Without a root key the
 * entry is printed as *unsigned*.
 */
import { publicKeyProblem } from '../../../common/signing/formats';
import { REFUSAL_TEXT, type RefusalReason } from '../../../common/signing/verify-entry';
import { EntryIdSchema, LocaleSchema } from '../../../common/knowledge';
import { UsageError, parseArgs, stringFlag } from '../../../common/cli/args';
import { openSignedStore } from '../../signing/signed-store';
import type { CliIo } from '../cli-io';

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['locale', 'data-dir', 'org-root-key'], ['json']);
  const [rawId, ...extra] = parsed.positionals;
  const id = EntryIdSchema.safeParse(rawId);
  if (!id.success || extra.length > 0) throw new UsageError('show needs exactly one <id>');
  const locale = LocaleSchema.safeParse(stringFlag(parsed, 'locale'));
  if (!locale.success) throw new UsageError('--locale <l> is required, e.g. --locale en');
  const dataDir = stringFlag(parsed, 'data-dir');
  if (!dataDir) throw new UsageError('--data-dir <dir> is required');
  const given = stringFlag(parsed, 'org-root-key');
  const problem = given === undefined ? null : publicKeyProblem(given);
  if (problem) throw new UsageError(`--org-root-key: ${problem}`);
  const signed = await openSignedStore(dataDir, given ?? null, io);
  try {
    const entry = await signed.store.get(id.data, locale.data);
    if (!entry) {
      const refused = (await signed.store.refused()).find((r) => r.id === id.data && r.locale === locale.data);
      if (refused) return refuse(io, refused.reason);
      io.stderr(`error: no entry "${id.data}" in ${locale.data} in ${dataDir}`);
      return 1;
    }
    const verdict = await signed.signing.check(entry);
    if (verdict && !verdict.ok) return refuse(io, verdict.reason);
    const approvers = verdict ? verdict.approvers : null;
    if (parsed.flags.get('json') === true) {
      io.stdout(JSON.stringify({ ...entry, verified: approvers !== null, approvers }));
    } else {
      io.stdout(`${entry.title}  (${entry.id}, ${entry.locale}, ${entry.kind}, version ${entry.version})`);
      io.stdout(approvers ? `approved by ${approvers.join(' and ')} (signatures verified)` : 'unsigned (no org root key pinned)');
      if (entry.tags.length > 0) io.stdout(`tags: ${entry.tags.join(', ')}`);
      io.stdout('');
      io.stdout(entry.body);
    }
    return 0;
  } finally {
    await signed.close();
  }
}

function refuse(io: CliIo, reason: string): number {
  const text = Object.hasOwn(REFUSAL_TEXT, reason) ? REFUSAL_TEXT[reason as RefusalReason] : reason;
  io.stderr(`error: refused: ${text} [${reason}]`);
  return 1;
}
