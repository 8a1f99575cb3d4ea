import { describe, expect, it } from 'vitest';
import { safeLinkTarget } from '../../../common/safe-link';
import { markdownToSafeHtml } from '../../../common/templates/markdown-html';
import { hasMarkdownFormatting, markdownToPlainText } from '../../../common/templates/markdown-text';
import { EMITTED_ATTRIBUTES, EMITTED_TAGS, HOSTILE_MARKDOWN } from '../../fixtures/hostile-markdown';

/** No executable or resource-loading HTML may survive, whatever the input. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<(script|img|iframe|svg|object|embed|style|form|input|math)\b/i);
  expect(html).not.toMatch(/href="(?!https:|mailto:)/i);
  // Every tag left is one marked itself produces for Markdown.
  for (const tag of html.match(/<\/?[a-z][^>]*>/gi) ?? []) {
    expect(EMITTED_TAGS).toContain(/^<\/?([a-z0-9]+)/i.exec(tag)?.[1]);
    const attributes = [...tag.matchAll(/\s([^\s=>]+)=/g)].map((m) => m[1]);
    for (const name of attributes) expect(EMITTED_ATTRIBUTES).toContain(name);
  }
}

describe('markdownToSafeHtml', () => {
  it.each(HOSTILE_MARKDOWN)('neutralises %j', (input, expected) => {
    const html = markdownToSafeHtml(input);
    expect(html).toBe(expected);
    expectInert(html);
  });

  it('keeps https and mailto links, escaping attributes', () => {
    expect(markdownToSafeHtml('[a](https://x.example/?q="1"&amp;r=2) [m](mailto:help@x.example)')).toBe(
      '<p><a href="https://x.example/?q=%221%22&amp;r=2">a</a> <a href="mailto:help@x.example">m</a></p>\n',
    );
  });

  it('turns https images into links and task checkboxes into text', () => {
    expect(markdownToSafeHtml('![diagram](https://x.example/d.png)')).toBe('<p><a href="https://x.example/d.png">diagram</a></p>\n');
    expect(markdownToSafeHtml('- [x] done\n- [ ] todo')).toBe('<ul>\n<li>[x] done</li>\n<li>[ ] todo</li>\n</ul>\n');
  });

  it('escapes HTML blocks and code', () => {
    const html = markdownToSafeHtml('<div onclick="x">\n<b>hi</b>\n</div>\n\n`<i>`\n\n```html\n<script>x</script>\n```');
    expect(html).toBe(
      '<p>&lt;div onclick=&quot;x&quot;&gt;<br>\n&lt;b&gt;hi&lt;/b&gt;<br>\n&lt;/div&gt;</p>\n' +
        '<p><code>&lt;i&gt;</code></p>\n<pre><code class="language-html">&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n',
    );
    expectInert(html);
  });

  it('strips bidi and zero-width characters from the HTML', () => {
    expect(markdownToSafeHtml('**a\u202eb\u200bc**')).toBe('<p><strong>abc</strong></p>\n');
  });

  it('checks link targets by their parsed protocol', () => {
    expect(safeLinkTarget('https://ok.example/a b')).toBe('https://ok.example/a%20b');
    expect(safeLinkTarget('java\tscript:alert(1)')).toBeNull();
    expect(safeLinkTarget(' javascript:alert(1)')).toBeNull();
    expect(safeLinkTarget('https:\u202e//x')).toBe('https://x/');
    expect(safeLinkTarget('file:///etc/passwd')).toBeNull();
    expect(safeLinkTarget('https://help.example:secret@evil.example/')).toBeNull();
    expect(safeLinkTarget('mailto:help@x.example')).toBe('mailto:help@x.example');
  });
});

describe('markdownToPlainText', () => {
  it('removes emphasis, writes links as "text (url)" and keeps list markers', () => {
    const md = '# Refunds\n\n**Bold** and *italic* and ~~old~~, see [the guide](https://x.example/g).\n\n1. one\n2. two\n\n- a\n  - nested';
    expect(markdownToPlainText(md)).toBe(
      'Refunds\n\nBold and italic and old, see the guide (https://x.example/g).\n\n1. one\n2. two\n\n- a\n  - nested',
    );
  });

  it('keeps line breaks, quotes, code and raw HTML as typed, and decodes entities', () => {
    expect(markdownToPlainText('line 1\nline 2\n\n> quoted\n\n`a<b>` &amp; &lt;tag&gt; <b>raw</b>')).toBe(
      'line 1\nline 2\n\n> quoted\n\na<b> & <tag> <b>raw</b>',
    );
  });

  it('does not repeat a URL that is its own label', () => {
    expect(markdownToPlainText('<https://x.example> and <help@x.example>')).toBe('https://x.example and help@x.example');
  });

  it('tells formatted Markdown from plain prose', () => {
    expect(hasMarkdownFormatting('Just text,\nwith lines.\n\nAnd paragraphs.')).toBe(false);
    expect(hasMarkdownFormatting('Some **bold**')).toBe(true);
    expect(hasMarkdownFormatting('- a list')).toBe(true);
    expect(hasMarkdownFormatting('a [link](https://x.example)')).toBe(true);
  });
});
