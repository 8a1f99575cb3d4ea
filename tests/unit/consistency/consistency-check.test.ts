/** The consistency rule (issue #17) meets signed knowledge (issue #15): a live, bot-visible entry
 * whose signature the new key list refuses is one agents no longer show but bots still serve. */
import { describe, expect, it } from 'vitest';
import { checkConsistency, describeFinding } from '../../../common/consistency/consistency-check';
import type { QueueItem } from '../../../common/review-protocol';

const options = { faqTag: 'faq', botTags: ['public'] };
const invalid = (id: string): QueueItem => ({ reason: 'signature_invalid', id, locale: 'en', title: 'T', owner: 'o', version: 3, problem: 'key revoked before the approval time' });

describe('checkConsistency: signatures', () => {
  it('reports a bot-visible entry whose signature agents refuse, and not an internal one', () => {
    const live = [
      { id: 'kb/public', locale: 'en', kind: 'article' as const, tags: ['public'] },
      { id: 'kb/internal', locale: 'en', kind: 'article' as const, tags: ['internal'] },
    ];
    const findings = checkConsistency(live, [invalid('kb/public'), invalid('kb/internal')], options);
    expect(findings).toEqual([
      { problem: 'bot_visible_pending_review', id: 'kb/public', locale: 'en', reason: 'signature_invalid', detail: 'its signature is refused by agents: key revoked before the approval time' },
    ]);
    expect(findings.map(describeFinding)).toEqual(['bot_visible_pending_review  kb/public (en)  its signature is refused by agents: key revoked before the approval time']);
  });
});
