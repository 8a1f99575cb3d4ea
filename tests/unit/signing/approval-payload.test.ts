/**
 * approvalPayload() writes the usual payload with JSON.stringify in JCS member order instead of
 * `canonicalize` (issue #19: ~35 µs an entry in a 100,000-entry sync). Its text must be byte-
 * identical to RFC 8785 as `canonicalize` writes it, for every record of the shared corpora (41
 * locales, CJK, RTL, templates) and for hostile strings; what `canonicalize` refuses stays refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { approvalPayload, type SignedContent } from '../../../common/signing/approval';
import { CONTENT } from './signing-vectors';

const CORPORA = ['gnome-help.ndjson', 'templates-osticket.ndjson'].map((name) => path.resolve(import.meta.dirname, '../../../../shared/corpus', name));
const APPROVAL = { approvedAt: '2026-11-29T16:00:00.000Z', keyId: 'ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=' };

/** The payload as RFC 8785 defines it, through the `canonicalize` package (the reference). */
function reference(content: SignedContent, approval: { approvedAt: string; keyId: string }): string | undefined {
  return canonicalize({
    id: content.id,
    locale: content.locale,
    kind: content.kind,
    title: content.title,
    body: content.body,
    tags: [...content.tags],
    url: content.urlOrPath,
    version: content.version,
    approvedAt: approval.approvedAt,
    keyId: approval.keyId,
  });
}

function corpusContents(file: string): SignedContent[] {
  if (!existsSync(file)) throw new Error(`shared corpus missing: ${file} (it lives beside the clone)`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const r = JSON.parse(line) as { id: string; locale: string; title: string; body: string; tags?: string[]; url_or_path?: string | null };
      return { id: r.id, locale: r.locale, kind: i % 2 ? 'template' : 'article', title: r.title, body: r.body, tags: r.tags ?? [], urlOrPath: r.url_or_path ?? null, version: i + 1 };
    });
}

/** Strings JSON and JCS escape differently from plain text, or that look alike but are not. */
const HOSTILE = [
  '',
  'control \u0000 \u0001 \u0007 \b \t \n \u000b \f \r \u000e \u001f end',
  'delete \u007f and C1 \u0080 \u009f',
  'quotes " \\ / \\u0041 \\\\',
  'separators \u2028 and \u2029 (JSON.stringify leaves them raw, as JCS does)',
  'emoji 👍🏽 👨‍👩‍👧 and a flag 🇫🇷',
  'astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and U+10FFFF \u{10FFFF}',
  'bidi \u202e\u2066 zero-width \u200b\u200d\ufeff',
  'noncharacters \ufffe \uffff replacement \ufffd',
  'combining e\u0301 vs é, ﬁ ligature, Å vs \u212b',
  'CJK 日本語のテキスト, Arabic نص عربي, Hebrew טקסט',
  '</script><!-- {"a":1} -->',
  'x'.repeat(70_000),
];

describe('approvalPayload (RFC 8785 without the generic canonicaliser)', () => {
  it('is byte-identical to canonicalize for every record of the shared corpora', () => {
    let compared = 0;
    for (const file of CORPORA) {
      for (const content of corpusContents(file)) {
        expect(approvalPayload(content, APPROVAL)).toBe(reference(content, APPROVAL));
        compared += 1;
      }
    }
    expect(compared).toBe(8308 + 807);
  });

  it('is byte-identical for hostile strings in every field, and for the limits of the version number', () => {
    for (const text of HOSTILE) {
      const cases: Array<[SignedContent, { approvedAt: string; keyId: string }]> = [
        [{ ...CONTENT, id: text }, APPROVAL],
        [{ ...CONTENT, locale: text }, APPROVAL],
        [{ ...CONTENT, kind: text }, APPROVAL],
        [{ ...CONTENT, title: text }, APPROVAL],
        [{ ...CONTENT, body: text }, APPROVAL],
        [{ ...CONTENT, tags: [text, text, 'z', 'a'] }, APPROVAL],
        [{ ...CONTENT, urlOrPath: text }, APPROVAL],
        [CONTENT, { ...APPROVAL, approvedAt: text }],
        [CONTENT, { ...APPROVAL, keyId: text }],
      ];
      for (const [content, approval] of cases) expect(approvalPayload(content, approval)).toBe(reference(content, approval));
    }
    for (const version of [0, 1, -1, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e21, 1.5, -0, Number.MAX_VALUE, Number.MIN_VALUE]) {
      expect(approvalPayload({ ...CONTENT, version }, APPROVAL)).toBe(reference({ ...CONTENT, version }, APPROVAL));
    }
    expect(approvalPayload({ ...CONTENT, tags: [], urlOrPath: null }, APPROVAL)).toBe(reference({ ...CONTENT, tags: [], urlOrPath: null }, APPROVAL));
    // Exact text for one case, so a change to both encoders at once cannot pass unseen.
    expect(approvalPayload({ ...CONTENT, title: 'a\u2028b"\u0001', tags: ['t'], urlOrPath: null, version: 1e21 }, APPROVAL)).toBe(
      `{"approvedAt":"2026-11-29T16:00:00.000Z","body":${JSON.stringify(CONTENT.body)},"id":${JSON.stringify(CONTENT.id)},` +
        `"keyId":"${APPROVAL.keyId}","kind":${JSON.stringify(CONTENT.kind)},"locale":${JSON.stringify(CONTENT.locale)},"tags":["t"],` +
        `"title":"a\u2028b\\"\\u0001","url":null,"version":1e+21}`,
    );
  });

  it('refuses what canonicalize refuses (lone surrogates, non-finite versions) with its own error', () => {
    for (const [content, approval] of [
      [{ ...CONTENT, body: 'a\ud800b' }, APPROVAL],
      [{ ...CONTENT, tags: ['ok', '\udc00'] }, APPROVAL],
      [CONTENT, { ...APPROVAL, keyId: 'x\udbff' }],
    ] as const) {
      expect(() => approvalPayload(content, approval)).toThrow('Lone surrogate is not allowed');
    }
    expect(() => approvalPayload({ ...CONTENT, version: Number.NaN }, APPROVAL)).toThrow('NaN is not allowed');
    expect(() => approvalPayload({ ...CONTENT, version: Number.POSITIVE_INFINITY }, APPROVAL)).toThrow('Infinity is not allowed');
  });

  it('falls back to canonicalize for values off the usual shape (a DB row read back loosely typed)', () => {
    const odd = { ...CONTENT, tags: ['b', 7, null] as unknown as string[], urlOrPath: undefined as unknown as null };
    expect(approvalPayload(odd, APPROVAL)).toBe(reference(odd, APPROVAL));
    expect(approvalPayload(odd, APPROVAL)).toContain('"tags":["b",7,null]');
  });
});
