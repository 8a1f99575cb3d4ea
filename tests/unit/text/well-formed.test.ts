import { describe, expect, it } from 'vitest';
import { illFormedMessage, illFormedReason, printableText } from '../../../common/text/well-formed';

describe('well-formed text', () => {
  it('accepts ordinary text, astral characters and combining marks', () => {
    for (const text of ['', 'refund', 'ščř', '日本語', 'a\u{1F600}b', 'e\u0301', '\uffff']) {
      expect(illFormedReason(text)).toBeNull();
    }
  });

  it('refuses a lone high or low surrogate anywhere', () => {
    expect(illFormedReason('kb/return\ud800')).toBe('lone_surrogate');
    expect(illFormedReason('\udc00kb')).toBe('lone_surrogate');
    expect(illFormedReason('a\ud83d\ud83db')).toBe('lone_surrogate');
    expect(illFormedReason('\ude00\ud83d')).toBe('lone_surrogate');
  });

  it('refuses NUL and names the field in its message', () => {
    expect(illFormedReason('a\u0000b')).toBe('nul');
    expect(illFormedMessage('title', 'nul')).toBe('title contains a NUL character');
    expect(illFormedMessage('id', 'lone_surrogate')).toBe(
      'id is not well-formed Unicode (it contains a lone surrogate)',
    );
  });

  it('prints lone surrogates and NUL as U+FFFD and leaves pairs alone', () => {
    expect(printableText('kb/a\ud800')).toBe('kb/a\ufffd');
    expect(printableText('\udc00x\u0000y\u{1F600}')).toBe('\ufffdx\ufffdy\u{1F600}');
  });
});
