/**
 * `consistency --server <url> --token <lead> [--faq-tag faq] [--bot-tags public] [--json]`: what
 * would make the agents, the bots and the FAQ disagree (common/consistency/consistency-check.ts).
 * Exit code 0 when nothing was found, 1 when something was (so CI can gate on it).
 */
import { ExportPageSchema, QueueResponseSchema, type ExportRecord } from '../../../common/review-protocol';
import { BotTagsSchema, DEFAULT_BOT_TAGS, DEFAULT_FAQ_TAG, TagSchema } from '../../../common/sync-protocol';
import { checkConsistency, describeFinding } from '../../../common/consistency/consistency-check';
import { serverArgs } from '../server-args';
import { UsageError, callServer, parseArgs, reportRefusals, stringFlag, type CliIo } from '../workflow-client';

const PAGE = 100;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['server', 'token', 'faq-tag', 'bot-tags'], ['json']);
  if (parsed.positionals.length > 0) throw new UsageError(`consistency takes no arguments (got "${parsed.positionals[0]}")`);
  const target = serverArgs(parsed);
  const faqTag = TagSchema.safeParse(stringFlag(parsed, 'faq-tag') ?? DEFAULT_FAQ_TAG);
  if (!faqTag.success) throw new UsageError('--faq-tag must be one tag');
  const rawBotTags = stringFlag(parsed, 'bot-tags');
  const botTags = BotTagsSchema.safeParse(rawBotTags === undefined ? DEFAULT_BOT_TAGS : rawBotTags.split(',').map((t) => t.trim()).filter(Boolean));
  if (!botTags.success) throw new UsageError('--bot-tags must be one to 20 comma-separated tags');
  const json = parsed.flags.get('json') === true;
  return reportRefusals(io, async () => {
    const live: ExportRecord[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=${PAGE}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page = await callServer(target, 'GET', `/v1/export?${query}`, undefined, ExportPageSchema);
      // Bodies are not needed: keep what the check reads, not 100,000 bodies.
      for (const r of page.items) live.push({ ...r, body: '' });
      cursor = page.nextCursor;
    } while (cursor !== null);
    const { items } = await callServer(target, 'GET', '/v1/queue', undefined, QueueResponseSchema);
    const findings = checkConsistency(live, items, { faqTag: faqTag.data, botTags: botTags.data });
    for (const finding of findings) io.stdout(json ? JSON.stringify(finding) : describeFinding(finding));
    io.stderr(`${findings.length} finding(s) over ${live.length} live entries`);
    return findings.length > 0 ? 1 : 0;
  });
}
