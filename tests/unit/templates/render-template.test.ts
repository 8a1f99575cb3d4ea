import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../common/templates/render-template';
import { renderTemplate } from './compile';

describe('renderTemplate', () => {
  it('renders plain templates to text only (no HTML when there is no Markdown)', () => {
    const result = renderTemplate('Hi {{ customer.first_name }},\nthanks for writing.', { 'customer.first_name': 'Ana' });
    expect(result).toEqual({ ok: true, reply: { text: 'Hi Ana,\nthanks for writing.', html: null } });
  });

  it('uses defaults for empty fields and skips conditional blocks for empty conditions', () => {
    const body = 'Hi {{ customer.first_name | default: "there" }}.{% if order.number %} Order {{ order.number }}.{% endif %}';
    expect(renderTemplate(body, { 'customer.first_name': '  ' })).toEqual({ ok: true, reply: { text: 'Hi there.', html: null } });
    expect(renderTemplate(body, { 'order.number': 'A-7' })).toEqual({
      ok: true,
      reply: { text: 'Hi there. Order A-7.', html: null },
    });
  });

  it('refuses to render with a missing value, naming every empty field, in form order', () => {
    const body = '{{ customer.name }} {{ order.number }} {{ refund.amount }}';
    expect(renderTemplate(body, { 'order.number': '5' })).toEqual({
      ok: false,
      message: 'Fill in “Customer name”, “Refund amount”.',
      missing: ['customer.name', 'refund.amount'],
    });
  });

  it('reports a runtime error as a result, never half-rendered text', () => {
    // Items are plain strings (one per line), so `item.name` is undefined at render time.
    const body = 'Start\n{% for item in order.items %}{{ item.name }}{% endfor %}\nEnd';
    const result = renderTemplate(body, { 'order.items': 'Lamp' });
    expect(result).toEqual({ ok: false, message: 'undefined variable: item.name (line 2, column 33)', missing: [] });
  });

  it('reports parse errors with their position', () => {
    expect(renderTemplate('{{ a | nope }}', { a: 'x' })).toEqual({
      ok: false,
      message: 'undefined filter: nope (line 1, column 1)',
      missing: [],
    });
  });

  it('renders Markdown templates to plain text and sanitised HTML', () => {
    const body = '**Hi {{ customer.name }}**, see [our guide](https://help.example/refunds) and:\n\n- step one\n- step two';
    const result = renderTemplate(body, { 'customer.name': 'Ana' });
    expect(result).toEqual({
      ok: true,
      reply: {
        text: 'Hi Ana, see our guide (https://help.example/refunds) and:\n\n- step one\n- step two',
        html:
          '<p><strong>Hi Ana</strong>, see <a href="https://help.example/refunds">our guide</a> and:</p>\n' +
          '<ul>\n<li>step one</li>\n<li>step two</li>\n</ul>\n',
      },
    });
  });

  it('keeps what the agent typed literal: no HTML, links or Markdown from values', () => {
    const body = '**Note:** {{ agent.note }}';
    const note = '<img src=x onerror=alert(1)> [click](https://evil.example) *urgent* 1. a_b & c';
    const result = renderTemplate(body, { 'agent.note': note });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.reply.text).toBe(`Note: ${note}`);
    expect(result.reply.html).toBe(
      '<p><strong>Note:</strong> &lt;img src=x onerror=alert(1)&gt; [click](https://evil.example) *urgent* 1. a_b &amp; c</p>\n',
    );
  });

  it('fills values into link targets', () => {
    const result = renderTemplate('[Track it](https://track.example/{{ order.number }})', { 'order.number': 'A-12.3' });
    expect(result.ok && result.reply.html).toBe('<p><a href="https://track.example/A-12.3">Track it</a></p>\n');
  });

  it('strips bidi and zero-width characters from values and template text', () => {
    const result = renderTemplate('Hi\u200b {{ name }}\u202e!', { name: 'Ev\u202eil\u2066' });
    expect(result).toEqual({ ok: true, reply: { text: 'Hi Evil!', html: null } });
  });

  it('renders list fields one item per line in loops', () => {
    const body = '{% for item in order.items %}- {{ item }}\n{% else %}No items{% endfor %}';
    const listed = renderTemplate(body, { 'order.items': 'Lamp\n\n Chair \n' });
    expect(listed.ok && listed.reply.text).toBe('- Lamp\n- Chair');
    const empty = renderTemplate(body, {});
    expect(empty.ok && empty.reply.text).toBe('No items');
  });

  it('prints a value that also has sub-fields, and needs it when printed', () => {
    const body = 'Dear {{ recipient.name }} ({{ recipient.name.first }})';
    const full = renderTemplate(body, { 'recipient.name': 'Ana Lima', 'recipient.name.first': 'Ana' });
    expect(full.ok && full.reply.text).toBe('Dear Ana Lima (Ana)');
    expect(renderTemplate(body, { 'recipient.name.first': 'Ana' })).toMatchObject({ ok: false, missing: ['recipient.name'] });
  });

  it('ignores values for names the template does not use and cannot pollute prototypes', () => {
    const result = renderTemplate('{{ __proto__.polluted }}|{{ a.constructor }}', {
      '__proto__.polluted': 'yes',
      'a.constructor': 'c',
      'unused.field': 'x',
    });
    expect(result.ok && result.reply.text).toBe('yes|c');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('escapes every ASCII punctuation character for Markdown', () => {
    expect(escapeMarkdown('a*b_[c](d)<e>&#!')).toBe('a\\*b\\_\\[c\\]\\(d\\)\\<e\\>\\&\\#\\!');
  });
});
