/**
 * `audit --data-dir <dir> --org-root-key <pk>` (issue #15): verifies every stored entry under the
 * held key list signed by that root, changing nothing; one line per refused entry on stderr, and as
 * the last line the counts per outcome (JSON): `verified`, each refusal reason (docs/signing.md),
 * and `quarantined`, the entries moved aside earlier (listed with their reasons on stderr).
 */
import { publicKeyProblem } from '../../../common/signing/formats';
import { REFUSAL_REASONS } from '../../../common/signing/verify-entry';
import { entryKey } from '../../../common/knowledge';
import { UsageError, parseArgs, stringFlag } from '../../../common/cli/args';
import { openSignedStore } from '../../signing/signed-store';
import type { CliIo } from '../cli-io';

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['data-dir', 'org-root-key']);
  if (parsed.positionals.length > 0) throw new UsageError(`audit takes no arguments (got "${parsed.positionals[0]}")`);
  const dataDir = stringFlag(parsed, 'data-dir');
  const root = stringFlag(parsed, 'org-root-key');
  if (!dataDir || !root) throw new UsageError('audit --data-dir <dir> --org-root-key <pk>');
  const problem = publicKeyProblem(root);
  if (problem) throw new UsageError(`--org-root-key: ${problem}`);
  const signed = await openSignedStore(dataDir, root, io);
  try {
    const counts: Record<string, number> = { verified: 0, ...Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])), quarantined: 0 };
    for (const entry of await signed.store.all()) {
      const verdict = await signed.signing.verdict(entry);
      if (verdict?.ok) counts.verified = (counts.verified ?? 0) + 1;
      else if (verdict) {
        counts[verdict.reason] = (counts[verdict.reason] ?? 0) + 1;
        io.stderr(`refused ${entry.id} (${entry.locale}) version ${entry.version}: ${verdict.reason}`);
      }
    }
    // A quarantined entry whose good version has been stored since no longer counts.
    const stored = await signed.store.versionsOf(await signed.store.refused());
    for (const refused of await signed.store.refused()) {
      if ((stored.get(entryKey(refused.id, refused.locale)) ?? -1) >= refused.version) continue;
      counts.quarantined = (counts.quarantined ?? 0) + 1;
      io.stderr(`quarantined earlier ${refused.id} (${refused.locale}) version ${refused.version}: ${refused.reason}`);
    }
    io.stdout(JSON.stringify(counts));
    const refusedNow = Object.entries(counts).some(([k, v]) => k !== 'verified' && k !== 'quarantined' && v > 0);
    return refusedNow ? 1 : 0;
  } finally {
    await signed.close();
  }
}
