/**
 * `history <id> --locale <l> --server <url> --token <t> [--json]`: every step of an entry, oldest
 * first; with --json one object a line (version, state, event, author, actor, approvedBy, approvedAt, at, title, comment).
 */
import { HistoryResponseSchema, type HistoryItem } from '../../../common/review-protocol';
import { callServer, entryTarget, reportRefusals, type CliIo } from '../workflow-client';

export async function run(args: string[], io: CliIo): Promise<number> {
  const target = entryTarget('history', args, [], ['json']);
  const json = target.parsed.flags.get('json') === true;
  return reportRefusals(io, async () => {
    const path = `/v1/entries/${encodeURIComponent(target.id)}/history?locale=${encodeURIComponent(target.locale)}`;
    const { items } = await callServer(target, 'GET', path, undefined, HistoryResponseSchema);
    for (const item of items) io.stdout(json ? JSON.stringify(item) : describeStep(item));
    if (!json) io.stderr(`${items.length} step(s) of ${target.id} (${target.locale})`);
    return 0;
  });
}

function describeStep(item: HistoryItem): string {
  const by = item.actor === item.author ? item.actor : `${item.actor} (written by ${item.author})`;
  const comment = item.comment ? `: ${item.comment}` : '';
  return `${item.at}  v${item.version}  ${item.event.replace(/_/g, ' ')} by ${by} → ${item.state}  "${item.title}"${comment}`;
}
