/**
 * What would make the agents' overlay, the bots' answers and the public FAQ disagree (issue #17),
 * from a lead's export of live entries and the review queue: an entry whose locales disagree in
 * kind or tags (one language's bot or FAQ sees it, another's does not), FAQ articles whose
 * translation is older than its source, and bot-visible entries with a version waiting for review
 * or a verification due (what bots say is about to change, or may be wrong). Pure: the CLI
 * (`npm run cli -- consistency`) fetches, this decides.
 */
import { assertNever } from '../assert-never';
import type { ExportRecord, QueueItem } from '../review-protocol';

export type Finding =
  | { problem: 'kind_mismatch'; id: string; locales: Array<{ locale: string; kind: string }> }
  | { problem: 'tags_mismatch'; id: string; locales: Array<{ locale: string; tags: string[] }> }
  | { problem: 'stale_faq_translation'; id: string; locale: string; sourceLocale: string; sourceVersion: number }
  | { problem: 'bot_visible_pending_review'; id: string; locale: string; reason: 'in_review' | 'verification_due' | 'signature_invalid'; detail: string };

export interface ConsistencyOptions {
  faqTag: string;
  /** The tags bot tokens read (default `public`). */
  botTags: readonly string[];
}

type Live = Pick<ExportRecord, 'id' | 'locale' | 'kind' | 'tags'>;

const byLocale = <T extends { locale: string }>(a: T, b: T) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0);

export function checkConsistency(live: readonly Live[], queue: readonly QueueItem[], options: ConsistencyOptions): Finding[] {
  const findings: Finding[] = [];
  const variants = new Map<string, Live[]>();
  for (const record of live) variants.set(record.id, [...(variants.get(record.id) ?? []), record]);
  const ids = [...variants.keys()].sort();
  for (const id of ids) {
    const list = (variants.get(id) as Live[]).slice().sort(byLocale);
    if (list.length < 2) continue;
    if (new Set(list.map((r) => r.kind)).size > 1) findings.push({ problem: 'kind_mismatch', id, locales: list.map((r) => ({ locale: r.locale, kind: r.kind })) });
    const tagSets = list.map((r) => [...new Set(r.tags)].sort());
    if (new Set(tagSets.map((tags) => tags.join('\u0000'))).size > 1) {
      findings.push({ problem: 'tags_mismatch', id, locales: list.map((r, i) => ({ locale: r.locale, tags: tagSets[i] as string[] })) });
    }
  }
  const liveOf = new Map(live.map((r) => [`${r.locale}\u0000${r.id}`, r]));
  const isFaq = (r: Live | undefined) => r?.kind === 'article' && r.tags.includes(options.faqTag);
  const botVisible = (r: Live | undefined) => r !== undefined && r.tags.some((tag) => options.botTags.includes(tag));
  const queued = queue.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : byLocale(a, b)));
  for (const item of queued) {
    const record = liveOf.get(`${item.locale}\u0000${item.id}`);
    switch (item.reason) {
      case 'stale_translation':
        if (isFaq(record)) findings.push({ problem: 'stale_faq_translation', id: item.id, locale: item.locale, sourceLocale: item.sourceLocale, sourceVersion: item.sourceVersion });
        break;
      case 'in_review':
        if (botVisible(record)) findings.push({ problem: 'bot_visible_pending_review', id: item.id, locale: item.locale, reason: 'in_review', detail: `version ${item.version} by ${item.author} waits for review` });
        break;
      case 'verification_due':
        if (botVisible(record)) findings.push({ problem: 'bot_visible_pending_review', id: item.id, locale: item.locale, reason: 'verification_due', detail: `verification was due ${item.dueAt}` });
        break;
      case 'signature_invalid':
        // Agents with a pinned root key refuse this version while bots still serve it.
        if (botVisible(record)) findings.push({ problem: 'bot_visible_pending_review', id: item.id, locale: item.locale, reason: 'signature_invalid', detail: `its signature is refused by agents: ${item.problem}` });
        break;
      case 'flagged':
        break;
      default:
        assertNever(item);
    }
  }
  return findings;
}

/** One line per finding, as the CLI prints it. */
export function describeFinding(finding: Finding): string {
  switch (finding.problem) {
    case 'kind_mismatch':
      return `kind_mismatch  ${finding.id}  ${finding.locales.map((l) => `${l.locale}: ${l.kind}`).join(', ')}`;
    case 'tags_mismatch':
      return `tags_mismatch  ${finding.id}  ${finding.locales.map((l) => `${l.locale}: ${l.tags.join(',') || '(none)'}`).join('; ')}`;
    case 'stale_faq_translation':
      return `stale_faq_translation  ${finding.id} (${finding.locale})  source ${finding.sourceLocale} is at version ${finding.sourceVersion}`;
    case 'bot_visible_pending_review':
      return `bot_visible_pending_review  ${finding.id} (${finding.locale})  ${finding.detail}`;
    default:
      return assertNever(finding);
  }
}
