/**
 * `flags list --server <url> --token <lead> [--json] [--mine]`: the agents' open flags (the
 * `flagged` part of the leads' queue), each with the flag id that resolving it needs.
 * `flags resolve <flagId> [--resolution fixed|dismissed] [--comment "<text>"] --server <url> --token <lead>`:
 * closes one (default `fixed`); the server records who resolved it, how, and when.
 */
import { z } from 'zod';
import { FlagResolutionSchema, QueueResponseSchema, ResolvedFlagSchema, type QueueItem } from '../../../common/review-protocol';
import { serverArgs } from '../server-args';
import { UsageError, callServer, parseArgs, reportRefusals, stringFlag, type CliIo } from '../workflow-client';

type FlagItem = Extract<QueueItem, { reason: 'flagged' }>;

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return list(rest, io);
    case 'resolve':
      return resolve(rest, io);
    default:
      throw new UsageError(sub === undefined ? 'flags needs a subcommand: list or resolve' : `unknown flags subcommand "${sub}" (list or resolve)`);
  }
}

async function list(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['server', 'token'], ['json', 'mine']);
  if (parsed.positionals.length > 0) throw new UsageError(`flags list takes no arguments (got "${parsed.positionals[0]}")`);
  const target = serverArgs(parsed);
  const json = parsed.flags.get('json') === true;
  const path = parsed.flags.get('mine') === true ? '/v1/queue?mine=true' : '/v1/queue';
  return reportRefusals(io, async () => {
    const { items } = await callServer(target, 'GET', path, undefined, QueueResponseSchema);
    const flags = items.filter((item): item is FlagItem => item.reason === 'flagged');
    for (const flag of flags) io.stdout(json ? JSON.stringify(flag) : describeFlag(flag));
    if (!json) io.stderr(`${flags.length} open flag(s)`);
    return 0;
  });
}

function describeFlag(flag: FlagItem): string {
  return `${flag.flagId}  ${flag.id} (${flag.locale}) v${flag.version}  ${flag.flagReason} by ${flag.flaggedBy} on ${flag.flaggedAt}: ${flag.comment}`;
}

async function resolve(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['server', 'token', 'resolution', 'comment']);
  const [rawId, ...extra] = parsed.positionals;
  if (rawId === undefined || extra.length > 0) throw new UsageError('flags resolve needs exactly one <flagId> (see `flags list`)');
  // Checked here so that nothing but a flag id ever lands in the request path.
  const flagId = z.uuid().safeParse(rawId);
  if (!flagId.success) throw new UsageError(`<flagId> must be a flag id as \`flags list\` prints it (got "${rawId}")`);
  const resolution = FlagResolutionSchema.safeParse(stringFlag(parsed, 'resolution') ?? 'fixed');
  if (!resolution.success) throw new UsageError(`--resolution must be one of ${FlagResolutionSchema.options.join(', ')}`);
  const comment = stringFlag(parsed, 'comment');
  const target = serverArgs(parsed);
  return reportRefusals(io, async () => {
    const body = { resolution: resolution.data, ...(comment === undefined ? {} : { comment }) };
    const result = await callServer(target, 'POST', `/v1/flags/${flagId.data}/resolve`, body, ResolvedFlagSchema);
    io.stdout(`resolved flag ${result.flagId}: ${result.resolution}`);
    return 0;
  });
}
