/** `approve <id> --locale <l> [--version <n>] --server <url> --token <lead>`: the version in review goes live. */
import { ReviewActionResultSchema, reviewActionPath } from '../../../common/review-protocol';
import { callServer, entryTarget, intFlag, reportRefusals, type CliIo } from '../workflow-client';

export async function run(args: string[], io: CliIo): Promise<number> {
  const target = entryTarget('approve', args, ['version']);
  const version = intFlag(target.parsed, 'version', 1, 2_147_483_647);
  return reportRefusals(io, async () => {
    const result = await callServer(target, 'POST', reviewActionPath(target.id, 'approve'), { locale: target.locale, version }, ReviewActionResultSchema);
    io.stdout(`approved ${result.id} (${result.locale}) version ${result.version}: it is live, server at seq ${result.latestSeq}`);
    return 0;
  });
}
