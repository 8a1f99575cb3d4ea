/** `rollback <id> --locale <l> --to <version> --server <url> --token <lead>`: a new version in review with an earlier one's content. */
import { ReviewActionResultSchema, reviewActionPath } from '../../../common/review-protocol';
import { UsageError, callServer, entryTarget, intFlag, reportRefusals, type CliIo } from '../workflow-client';

export async function run(args: string[], io: CliIo): Promise<number> {
  const target = entryTarget('rollback', args, ['to']);
  const to = intFlag(target.parsed, 'to', 1, 2_147_483_647);
  if (to === undefined) throw new UsageError('rollback needs --to <version>');
  return reportRefusals(io, async () => {
    const result = await callServer(target, 'POST', reviewActionPath(target.id, 'rollback'), { locale: target.locale, to }, ReviewActionResultSchema);
    io.stdout(`rolled back ${result.id} (${result.locale}): version ${result.version} has the content of version ${to} and is ${result.state}`);
    return 0;
  });
}
