/** "Report my edit" and adjusted replies (issue #18): one edit per use, the window, with an injected clock. */
import { describe, expect, it } from 'vitest';
import { ReplyEdits } from '../../../main/application/reply-edits';
import { DomainError } from '../../../main/core/domain-error';
import { EDIT_REPORT_WINDOW_MS, type EditedUse } from '../../../main/signals/signal-recorder';

function setup(reporting = true) {
  const clock = { now: new Date('2026-11-29T10:00:00Z') };
  const edits: Array<{ use: EditedUse; ratio: number }> = [];
  let ids = 0;
  const replies = new ReplyEdits({
    signals: { edited: async (use, ratio) => void edits.push({ use, ratio }) },
    enabled: () => reporting,
    now: () => clock.now,
    newId: () => `use-${(ids += 1)}`,
  });
  const later = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
  return { replies, edits, later };
}

const reply = { id: 't/refund', locale: 'en', title: 'Refund', delivery: 'inserted' as const, rendered: 'Your refund is on its way.', sent: 'Your refund is on its way.', adjusted: false };

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof DomainError)) throw new Error('expected a DomainError');
  return `${error.code}: ${error.message}`;
}

describe('reply edits', () => {
  it('counts an adjusted reply at once and replaces it with each later report for the same use', async () => {
    const { replies, edits, later } = setup();
    await replies.delivered({ ...reply, sent: 'Your refund is on its way!', adjusted: true });
    later(EDIT_REPORT_WINDOW_MS); // the last moment the window is open
    expect((await replies.reportEdit('Your money is on its way.\u200b')).ratio).toBe(0.2308);
    expect(edits.map(({ use, ratio }) => [use.useId, use.at.toISOString(), ratio])).toEqual([
      ['use-1', '2026-11-29T10:00:00.000Z', 0.0385],
      ['use-1', '2026-11-29T10:00:00.000Z', 0.2308],
    ]);
  });

  it('counts no edit for a plain insert until the agent reports one, then for the newest use only', async () => {
    const { replies, edits } = setup();
    await replies.delivered(reply);
    await replies.delivered({ ...reply, id: 't/other', title: 'Other' });
    expect(edits).toEqual([]);
    const answer = await replies.reportEdit('Your refund is on its way.');
    expect(answer).toEqual({ id: 't/other', locale: 'en', ratio: 0, message: 'Edit reported for “Other”: 0% changed. Only this number is sent, not the text.' });
    expect(edits.map(({ use }) => use.useId)).toEqual(['use-2']);
  });

  it('refuses after the window, with nothing to report, with an empty text, and with reporting off', async () => {
    const { replies, later } = setup();
    expect(await refusal(replies.reportEdit('x'))).toBe('invalid_input: There is no inserted or copied reply to report an edit for.');
    await replies.delivered(reply);
    expect(await refusal(replies.reportEdit(' \u200b'))).toBe('invalid_input: Paste the reply as you sent it first: the field is empty.');
    later(EDIT_REPORT_WINDOW_MS + 1);
    expect(replies.lastReply()).toBeNull();
    expect(await refusal(replies.reportEdit('Your refund.'))).toBe('invalid_input: “Refund” went out more than 10 minutes ago: its edit can no longer be reported.');

    const off = setup(false);
    await off.replies.delivered(reply);
    expect(off.replies.lastReply()).toBeNull();
    expect(await refusal(off.replies.reportEdit('x'))).toBe('invalid_input: Usage reporting is off (Settings → What Cuecard reports): an edit is not reported.');
  });
});
