/**
 * markdownToTextAndSafeHtml (one lexing for both outputs, what the server's answers and FAQ use)
 * gives exactly what the two separate functions give: on the hostile corpus, on real help pages
 * and on a loose task list (marked turns its checkboxes into tokens of their own).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToSafeHtml } from '../../../common/templates/markdown-html';
import { markdownToPlainText, markdownToTextAndSafeHtml } from '../../../common/templates/markdown-text';
import { HOSTILE_MARKDOWN } from '../../fixtures/hostile-markdown';

const excerpt = fs
  .readFileSync(path.resolve(import.meta.dirname, '../../fixtures/gnome-help-excerpt/gnome-help-excerpt.ndjson'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { body: string }).body);

const separately = (source: string) => ({ text: markdownToPlainText(source), html: markdownToSafeHtml(source) });

describe('markdownToTextAndSafeHtml', () => {
  it.each(HOSTILE_MARKDOWN.map(([input]) => input))('equals the separate functions on %j', (input) => {
    expect(markdownToTextAndSafeHtml(input)).toEqual(separately(input));
  });

  it(`equals the separate functions on the ${excerpt.length} help pages of the excerpt`, () => {
    expect(excerpt.length).toBeGreaterThan(10);
    for (const body of excerpt) expect(markdownToTextAndSafeHtml(body)).toEqual(separately(body));
  });

  it('equals the separate functions on a loose task list', () => {
    const source = '- [x] done\n\n- [ ] todo\u200b';
    expect(markdownToTextAndSafeHtml(source)).toEqual(separately(source));
  });

  it('refuses an oversized body as markdownToSafeHtml does', () => {
    expect(() => markdownToTextAndSafeHtml('a'.repeat(200_001))).toThrow(/too large to render/);
  });
});
