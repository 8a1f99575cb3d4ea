/**
 * `retire --unsigned --server <url> --token <lead> [--sign --key <file>]` (issue #15 leftovers):
 * lists retired entries whose retirement carries no signature (made before signed retirement
 * existed, or without --key) while the version it retired was signed — agents pinning the org root
 * key still hold those. With --sign each is signed with the approver key file, as `retire --key`
 * signs a retirement, and the server relays it: those agents then drop the entry. One refused
 * signature does not stop the others (exit 1 when any was refused).
 */
import { retirementPayload } from '../../../common/signing/retirement';
import { retirementSignaturePath, SignedRetirementResultSchema, UNSIGNED_RETIREMENTS_PATH, UnsignedRetirementsSchema } from '../../../common/signing/retirement-protocol';
import { signText } from '../../signing/ed25519';
import { readKeyFile } from '../../signing/key-file';
import { ServerRefusal } from '../../review/review-client';
import { serverArgs } from '../server-args';
import { UsageError, callServer, reportRefusals, stringFlag, type CliIo, type ParsedArgs } from '../workflow-client';

export const RETIRE_UNSIGNED_USAGE = 'retire --unsigned --server <url> --token <lead> [--sign --key <file>]';

export async function retireUnsigned(parsed: ParsedArgs, io: CliIo): Promise<number> {
  if (parsed.positionals.length > 0 || parsed.flags.has('locale')) throw new UsageError(`${RETIRE_UNSIGNED_USAGE} (no <id> or --locale: it lists them all)`);
  const keyFile = stringFlag(parsed, 'key');
  const sign = parsed.flags.get('sign') === true;
  if (sign !== (keyFile !== undefined)) throw new UsageError(`--sign and --key <file> go together: ${RETIRE_UNSIGNED_USAGE}`);
  const target = serverArgs(parsed);
  const key = keyFile === undefined ? null : await readKeyFile(keyFile, 'approver');
  return reportRefusals(io, async () => {
    const { items, more } = await callServer(target, 'GET', UNSIGNED_RETIREMENTS_PATH, undefined, UnsignedRetirementsSchema);
    let refused = 0;
    for (const item of items) {
      const line = `${item.id} (${item.locale}) v${item.version}  "${item.title}"  retired ${item.retiredAt} by ${item.retiredBy}`;
      if (!key) {
        io.stdout(line);
        continue;
      }
      const signer = { retiredAt: new Date().toISOString(), keyId: key.publicKey };
      const signature = { version: item.version, ...signer, signature: signText(key.privateKey, retirementPayload(item, signer)) };
      try {
        const { signed } = await callServer(target, 'POST', retirementSignaturePath(item.id), { locale: item.locale, signature }, SignedRetirementResultSchema);
        io.stdout(`signed the retirement of ${signed.id} (${signed.locale}) version ${item.version}, seq ${signed.seq}`);
      } catch (error) {
        if (!(error instanceof ServerRefusal)) throw error;
        refused += 1;
        io.stderr(`error: ${item.id} (${item.locale}): ${error.message}`);
      }
    }
    const shown = `${items.length} unsigned retirement(s)${more ? ' (more remain: run it again)' : ''}`;
    io.stderr(key ? `${shown}: ${items.length - refused} signed, ${refused} refused` : shown);
    return refused > 0 ? 1 : 0;
  });
}
