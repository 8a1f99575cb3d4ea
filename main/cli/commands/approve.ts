/**
 * `approve <id> --locale <l> [--version <n>] [--key <file>] --server <url> --token <lead>`: the
 * version in review goes live. With --key (issue #15) the exact version under review is fetched,
 * signed on this machine with the approver key and sent with the approval; a template with a
 * sensitive tag goes live at its second approver's signature.
 */
import type { KeyObject } from 'node:crypto';
import { ReviewActionResultSchema, reviewActionPath } from '../../../common/review-protocol';
import { approvalPayload, type ApprovalSignature } from '../../../common/signing/approval';
import { VersionContentSchema } from '../../../common/library-protocol';
import { versionContentPath } from '../../../common/signing/signing-protocol';
import { signText } from '../../signing/ed25519';
import { readKeyFile } from '../../signing/key-file';
import { callServer, entryTarget, intFlag, reportRefusals, stringFlag, type CliIo, type EntryTarget } from '../workflow-client';

export async function run(args: string[], io: CliIo): Promise<number> {
  const target = entryTarget('approve', args, ['version', 'key']);
  const version = intFlag(target.parsed, 'version', 1, 2_147_483_647);
  const keyFile = stringFlag(target.parsed, 'key');
  const key = keyFile === undefined ? null : await readKeyFile(keyFile, 'approver');
  return reportRefusals(io, async () => {
    const signed = key ? await signVersion(target, version, key) : null;
    const body = { locale: target.locale, version: signed?.version ?? version, ...(signed ? { signature: signed.signature } : {}) };
    const result = await callServer(target, 'POST', reviewActionPath(target.id, 'approve'), body, ReviewActionResultSchema);
    if (result.state === 'approved') {
      io.stdout(`approved ${result.id} (${result.locale}) version ${result.version}${signed ? ' (signed)' : ''}: it is live, server at seq ${result.latestSeq}`);
    } else {
      io.stdout(`signed ${result.id} (${result.locale}) version ${result.version}: it waits for a second approver (sensitive tag)`);
    }
    return 0;
  });
}

async function signVersion(target: EntryTarget, version: number | undefined, key: { publicKey: string; privateKey: KeyObject }): Promise<{ version: number; signature: ApprovalSignature }> {
  const content = await callServer(target, 'GET', versionContentPath(target.id, target.locale, version), undefined, VersionContentSchema);
  const approval = { approvedAt: new Date().toISOString(), keyId: key.publicKey };
  return { version: content.version, signature: { ...approval, signature: signText(key.privateKey, approvalPayload(content, approval)) } };
}
