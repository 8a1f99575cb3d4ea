/** `reject <id> --locale <l> --comment "<text>" [--version <n>] --server <url> --token <lead>`: back to draft. */
import { ReviewActionResultSchema, reviewActionPath } from '../../../common/review-protocol';
import { UsageError, callServer, entryTarget, intFlag, reportRefusals, stringFlag, type CliIo } from '../workflow-client';

export async function run(args: string[], io: CliIo): Promise<number> {
  const target = entryTarget('reject', args, ['comment', 'version']);
  const comment = stringFlag(target.parsed, 'comment');
  if (comment === undefined || comment.trim() === '') throw new UsageError('reject needs --comment "<why>"');
  const version = intFlag(target.parsed, 'version', 1, 2_147_483_647);
  return reportRefusals(io, async () => {
    const body = { locale: target.locale, comment, version };
    const result = await callServer(target, 'POST', reviewActionPath(target.id, 'reject'), body, ReviewActionResultSchema);
    io.stdout(`rejected ${result.id} (${result.locale}) version ${result.version}: it is a ${result.state} again`);
    return 0;
  });
}
