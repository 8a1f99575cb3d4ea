/** `verify <id> --locale <l> --server <url> --token <lead>`: the live version is still right (no new version). */
import { ReviewActionResultSchema, reviewActionPath } from '../../../common/review-protocol';
import { callServer, entryTarget, reportRefusals, type CliIo } from '../workflow-client';

export async function run(args: string[], io: CliIo): Promise<number> {
  const target = entryTarget('verify', args);
  return reportRefusals(io, async () => {
    const result = await callServer(target, 'POST', reviewActionPath(target.id, 'verify'), { locale: target.locale }, ReviewActionResultSchema);
    io.stdout(`verified ${result.id} (${result.locale}) version ${result.version}`);
    return 0;
  });
}
