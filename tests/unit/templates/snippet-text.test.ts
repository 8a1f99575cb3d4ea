import { describe, expect, it } from 'vitest';
import { snippetSourceText } from '../../../common/templates/snippet-text';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { searchEntries } from '../../../common/search/entry-view';
import { entry } from '../search/helpers';

describe('result snippets show what the agent reads', () => {
  it('turns template variables into [Field] markers (or their default) and drops Liquid tags', () => {
    const body = 'Hi {{ customer.first_name | default: "there" }},\n{% if order.number %}Order {{ order.number }} {% endif %}ships {{ tracking.date | date: "%b %d" }}. Use {{ "{" }}code}.';
    expect(snippetSourceText('template', body)).toBe('Hi there,\nOrder [Order number] ships [Tracking date]. Use {code}.');
  });

  it('drops Markdown markers: headings, list markers, emphasis, link targets, rules', () => {
    const body = '## Return an item\n\n- Print the **prepaid** label from [your orders](https://shop.example/orders).\n1. Drop it _off_\n---\n> `tracked` parcel';
    expect(snippetSourceText('article', body)).toBe('Return an item\n\nPrint the prepaid label from your orders.\nDrop it off\n\ntracked parcel');
  });

  it('finds markers wherever a plain-looking line may hide one (the fast path for plain lines)', () => {
    const body = 'Plain prose, left as it is.\n  + indented item\n2) second step\n   # heading\n  > quote\nsee ![the icon](i.png) or a*b*c\n***\nend';
    expect(snippetSourceText('article', body)).toBe('Plain prose, left as it is.\nindented item\nsecond step\nheading\nquote\nsee the icon or a*b*c\n\nend');
  });

  it('leaves an article\'s braces alone: only templates are rendered', () => {
    expect(snippetSourceText('article', 'Type {{ name }} in the field')).toBe('Type {{ name }} in the field');
  });

  it('is what the search hit carries', () => {
    const index = new CuecardIndex();
    index.build([
      entry({ id: 't/ship', kind: 'template', title: 'Shipping delay', body: '## Delay\n\nHi {{ customer.first_name }}, your order {{ order.number }} is delayed.' }),
    ]);
    const [hit] = searchEntries(index, { query: 'delayed', locale: 'en' });
    expect(hit?.snippet).toBe('Delay Hi [Customer first name], your order [Order number] is delayed.');
    expect(hit?.snippetHighlights).toEqual([
      [0, 5],
      [61, 68],
    ]); // "Delay" and "delayed" share a stem
  });
});
