/** The edit ratio of an adjusted reply (issue #18): Levenshtein distance over the longer length, bounded. */
import { describe, expect, it } from 'vitest';
import { editRatio, MAX_COMPARED_CHARS } from '../../../main/signals/edit-ratio';

describe('edit ratio', () => {
  it('is 0 for an untouched reply and 1 for one rewritten completely', () => {
    expect(editRatio('Hi Ada, your refund is on its way.', 'Hi Ada, your refund is on its way.')).toBe(0);
    expect(editRatio('abcd', 'wxyz')).toBe(1);
    expect(editRatio('', '')).toBe(0);
    expect(editRatio('', 'new')).toBe(1);
  });

  it('counts characters changed over the longer text', () => {
    // "kitten" → "sitting": 3 edits over 7 characters.
    expect(editRatio('kitten', 'sitting')).toBe(0.4286);
    expect(editRatio('Hi Ada, thanks.', 'Hi Ada, many thanks.')).toBe(0.25);
  });

  it('stays bounded on huge texts: only what differs is compared, and a huge difference takes its upper bound', () => {
    const long = 'a'.repeat(200_000);
    expect(editRatio(long, `${long}b`)).toBe(0);
    expect(editRatio(`x${long}`, `y${long}`)).toBe(0);
    const rewritten = 'b'.repeat(MAX_COMPARED_CHARS + 1);
    expect(editRatio('a'.repeat(MAX_COMPARED_CHARS + 1), rewritten)).toBe(1);
  });
});
