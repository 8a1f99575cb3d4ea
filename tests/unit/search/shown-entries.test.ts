/** main/search/shown-entries.ts: entries and snippet texts kept across keystrokes, bounded, forgotten on change. */
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../common/knowledge';
import { snippetSourceText } from '../../../common/templates/snippet-text';
import { ShownEntries } from '../../../main/search/shown-entries';
import { entry } from './helpers';

function countingReader(entries: KnowledgeEntry[]) {
  const reads: string[] = [];
  const read = (id: string, locale: string) => {
    reads.push(`${locale}/${id}`);
    // A new object per read, as the index gives for an entry kept in its file.
    const found = entries.find((e) => e.id === id && e.locale === locale);
    return found ? { ...found } : undefined;
  };
  return { reads, read };
}

describe('ShownEntries', () => {
  it('reads an entry and strips its Markdown once while it stays kept', () => {
    const a = entry({ id: 'a', title: 'Refunds', kind: 'article', body: '## Refunds\n\n- **Print** the label' });
    const { reads, read } = countingReader([a]);
    const shown = new ShownEntries(read);
    const first = shown.entry('a', 'en')!;
    expect(shown.sourceText(first)).toBe('Refunds\n\nPrint the label');
    const again = shown.entry('a', 'en')!;
    expect(again).toBe(first);
    expect(shown.sourceText(again)).toBe(snippetSourceText('article', a.body));
    expect(reads).toEqual(['en/a']);
    expect(shown.entry('missing', 'en')).toBeUndefined();
    expect(shown.size).toBe(1);
  });

  it('reads a changed entry again after forget(), and everything after clear()', () => {
    const entries = [entry({ id: 'a', title: 'Old title', body: 'old words' }), entry({ id: 'b', title: 'Other', body: 'b' })];
    const { reads, read } = countingReader(entries);
    const shown = new ShownEntries(read);
    shown.entry('a', 'en');
    shown.entry('b', 'en');
    entries[0] = entry({ id: 'a', title: 'New title', body: 'new words' });
    shown.forget([{ id: 'a', locale: 'en' }]);
    const changed = shown.entry('a', 'en')!;
    expect(changed.title).toBe('New title');
    expect(shown.sourceText(changed)).toBe('new words');
    shown.entry('b', 'en');
    expect(reads).toEqual(['en/a', 'en/b', 'en/a']);
    shown.clear();
    shown.entry('b', 'en');
    expect(reads).toEqual(['en/a', 'en/b', 'en/a', 'en/b']);
  });

  it('keeps at most its limits, dropping the least recently shown first', () => {
    const entries = ['a', 'b', 'c', 'd'].map((id) => entry({ id, title: id, body: 'x'.repeat(100) }));
    const { reads, read } = countingReader(entries);
    const shown = new ShownEntries(read, { entries: 3, chars: 1_000_000 });
    for (const id of ['a', 'b', 'c', 'a', 'd']) shown.entry(id, 'en'); // d pushes out b, not the re-used a
    expect(shown.size).toBe(3);
    shown.entry('a', 'en');
    shown.entry('b', 'en');
    expect(reads).toEqual(['en/a', 'en/b', 'en/c', 'en/d', 'en/b']);

    // By characters: two 100-character bodies and their 100-character snippet texts fit in 450, a third does not.
    const small = new ShownEntries(countingReader(entries).read, { entries: 100, chars: 450 });
    for (const id of ['a', 'b', 'c']) small.sourceText(small.entry(id, 'en')!);
    expect(small.size).toBe(2);
  });

  it('answers the snippet text of an entry it does not hold without keeping it', () => {
    const shown = new ShownEntries(() => undefined);
    const loose = entry({ id: 'x', title: 'x', kind: 'article', body: '# Head\nplain line' });
    expect(shown.sourceText(loose)).toBe('Head\nplain line');
    expect(shown.size).toBe(0);
  });
});
