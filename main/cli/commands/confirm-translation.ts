/** `confirm-translation <id> --locale <l> --server <url> --token <lead>`: a stale translation is still correct. */
import { ReviewActionResultSchema, reviewActionPath } from '../../../common/review-protocol';
import { callServer, entryTarget, reportRefusals, type CliIo } from '../workflow-client';

export async function run(args: string[], io: CliIo): Promise<number> {
  const target = entryTarget('confirm-translation', args);
  return reportRefusals(io, async () => {
    const path = reviewActionPath(target.id, 'confirm-translation');
    const result = await callServer(target, 'POST', path, { locale: target.locale }, ReviewActionResultSchema);
    io.stdout(`confirmed ${result.id} (${result.locale}) version ${result.version} against its source; it is no longer stale`);
    return 0;
  });
}
