/**
 * `queue --server <url> --token <lead> [--json] [--mine]`: what waits for a lead — versions in
 * review, agents' flags, verifications due and stale translations; --json prints one object a line.
 */
import { QueueResponseSchema, type QueueItem } from '../../../common/review-protocol';
import { assertNever } from '../../../common/assert-never';
import { serverArgs } from '../server-args';
import { UsageError, callServer, parseArgs, reportRefusals, type CliIo } from '../workflow-client';

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['server', 'token'], ['json', 'mine']);
  if (parsed.positionals.length > 0) throw new UsageError(`queue takes no arguments (got "${parsed.positionals[0]}")`);
  const target = serverArgs(parsed);
  const json = parsed.flags.get('json') === true;
  const path = parsed.flags.get('mine') === true ? '/v1/queue?mine=true' : '/v1/queue';
  return reportRefusals(io, async () => {
    const { items } = await callServer(target, 'GET', path, undefined, QueueResponseSchema);
    for (const item of items) io.stdout(json ? JSON.stringify(item) : describeItem(item));
    if (!json) io.stderr(`${items.length} item(s) waiting`);
    return 0;
  });
}

function describeItem(item: QueueItem): string {
  const head = `${item.reason.padEnd(18)} ${item.id} (${item.locale}) v${item.version}  "${item.title}"  owner ${item.owner}`;
  switch (item.reason) {
    case 'in_review':
      return `${head}  written by ${item.author}`;
    case 'flagged':
      return `${head}  ${item.flagReason} (${item.flaggedBy}, flag ${item.flagId}): ${item.comment}`;
    case 'verification_due':
      return `${head}  due ${item.dueAt}`;
    case 'stale_translation':
      return `${head}  source ${item.sourceLocale} is at version ${item.sourceVersion}`;
    case 'signature_invalid':
      return `${head}  ${item.problem}: approve it again`;
    default:
      return assertNever(item);
  }
}
