/**
 * Property-based tests (fast-check): random and mutated inputs to the parsers at the app's
 * boundaries never crash them; each answers with a value or its own clear error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, REQUEST_SCHEMAS, type ChannelKey } from '../../../common/ipc-contract';
import { readImportRecords } from '../../../common/import-records';
import { MarkdownTooLargeError, markdownToSafeHtml } from '../../../common/templates/markdown-html';
import { compileTemplate } from '../../../common/templates/render-template';
import { findIllFormedText } from '../../../common/text/well-formed';
import { handle } from '../../../main/ipc/handle';
import { PageError, verifyPage } from '../../../main/sync/verify-page';

/** Strings that include lone surrogates, NUL and every other code unit. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const anyValue = fc.oneof(
  fc.anything({ maxDepth: 4, withNullPrototype: true, stringUnit: 'binary' }),
  fc.jsonValue({ maxDepth: 4 }),
);

describe('IPC payloads', () => {
  const keys = Object.keys(CHANNELS) as ChannelKey[];
  it('every channel answers any payload with ok or bad_request, and no ill-formed text reaches a handler', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), anyValue, async (key, payload) => {
        const reached: unknown[] = [];
        const handler = handle(key, REQUEST_SCHEMAS[key] as never, (request: unknown) => (reached.push(request), null as never), () => undefined);
        const result = await handler.invoke('app://cuecard/index.html', payload);
        if (result.ok) {
          expect(reached).toHaveLength(1);
          expect(findIllFormedText(reached[0])).toBe(null);
        } else {
          expect(result.error.code).toBe('bad_request');
          expect(reached).toHaveLength(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('sync pages', () => {
  const item = fc.record({
    seq: fc.oneof(fc.integer({ min: -2, max: 12 }), anyValue),
    op: fc.oneof(fc.constantFrom('upsert', 'remove'), anyText),
    id: fc.oneof(anyText, anyValue),
    locale: fc.oneof(fc.constantFrom('en', 'pt-BR'), anyText),
    entry: anyValue,
  });
  const page = fc.record({
    epoch: fc.oneof(fc.constant('E'), anyText),
    after: fc.oneof(fc.integer({ min: 0, max: 10 }), anyValue),
    latestSeq: fc.oneof(fc.integer({ min: 0, max: 20 }), anyValue),
    items: fc.oneof(fc.array(item, { maxLength: 6 }), anyValue),
    nextCursor: fc.oneof(fc.integer({ min: 0, max: 20 }), anyValue),
    hasMore: fc.oneof(fc.boolean(), anyValue),
  });
  it('verifyPage answers any value with a verified page or a PageError, and a verified page holds only well-formed text', () => {
    fc.assert(
      fc.property(fc.oneof(page, anyValue), fc.integer({ min: 0, max: 10 }), (raw, after) => {
        try {
          const verified = verifyPage(raw, { after, epoch: 'E' });
          expect(findIllFormedText(verified.items)).toBe(null);
          expect(verified.items.length + verified.skipped.length).toBe(verified.nextCursor - after);
        } catch (error) {
          expect(error).toBeInstanceOf(PageError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('import lines', () => {
  it('accounts for every non-blank line, as a record or a numbered problem', () => {
    const line = fc.oneof(
      anyText,
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.record({ id: anyText, locale: fc.constantFrom('en', 'de', 'x'), title: anyText, body: anyText }).map((r) => JSON.stringify(r)),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = lines.join('\n');
        const { records, problems, warnings } = readImportRecords(text);
        const nonBlank = text.replace(/^\ufeff/, '').split('\n').filter((l) => l.trim() !== '').length;
        // A later line for the same (id, locale) replaces the earlier one, with a warning naming both.
        const replaced = warnings.filter((warning) => /^\d+: duplicate of line \d+ /.test(warning)).length;
        expect(records.length + problems.length + replaced).toBe(nonBlank);
        for (const problem of problems) expect(problem).toMatch(/^\d+: /);
      }),
      { numRuns: 500 },
    );
  });
});

describe('templates', () => {
  const liquidPiece = fc.oneof(
    anyText,
    fc.constantFrom('{{ name }}', '{{ a.b | upcase }}', '{% if x %}', '{% endif %}', '{% for i in (1..3) %}', '{% endfor %}', '{{', '}}', '{%', '%}', '*', '_', '[', '](', ')', '`', '\n\n', '# ', '- ', '<b>'),
  );
  it('compiling and rendering any body with any values never throws', () => {
    fc.assert(
      fc.property(fc.array(liquidPiece, { maxLength: 12 }), fc.dictionary(anyText, anyText, { maxKeys: 4 }), (pieces, values) => {
        const compiled = compileTemplate(pieces.join(''));
        if (!compiled.ok) {
          expect(typeof compiled.message).toBe('string');
          return;
        }
        const rendered = compiled.template.render(values);
        if (rendered.ok) expect(typeof rendered.reply.text).toBe('string');
        else expect(typeof rendered.message).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('Markdown to HTML answers any text with HTML or MarkdownTooLargeError', () => {
    fc.assert(
      fc.property(fc.array(liquidPiece, { maxLength: 30 }), (pieces) => {
        try {
          expect(typeof markdownToSafeHtml(pieces.join(''))).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(MarkdownTooLargeError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
