import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIllFormedText, illFormedMessage, illFormedReason, jsonMayHoldIllFormedText, printableText } from '../../../common/text/well-formed';

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

describe('JSON text that may parse to ill-formed text', () => {
  it('is any with a \\u escape of NUL or a surrogate, nothing else', () => {
    expect(jsonMayHoldIllFormedText(JSON.stringify({ id: 'kb/a\ud800' }))).toBe(true);
    expect(jsonMayHoldIllFormedText(JSON.stringify({ body: 'a\u0000b' }))).toBe(true);
    expect(jsonMayHoldIllFormedText('{"t":"\\uDBFF"}')).toBe(true);
    expect(jsonMayHoldIllFormedText(JSON.stringify({ title: 'Café ☕ \u{1F600} \\u0041', tags: ['\u00e9'] }))).toBe(false);
    expect(jsonMayHoldIllFormedText('{"t":"\\ud83d\\ude00"}')).toBe(true); // a pair as escapes: only the slow path
  });

  // Any code point, and often the ones that matter: halves of pairs, NUL, a whole pair, quotes, backslashes.
  const text = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('a', 'é', '\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\u{1F600}', '"', '\\', 'u') }),
  );

  it('never says no for text that parses to an ill-formed string (any string, stringified as JSON does)', () => {
    fc.assert(
      fc.property(text, text, (key, value) => {
        const json = JSON.stringify({ [key]: [value] });
        const parsed = JSON.parse(json) as Record<string, string[]>;
        const illFormed = findIllFormedText(parsed) !== null;
        if (illFormed) expect(jsonMayHoldIllFormedText(json)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
