import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../../common/templates/render-template';
import { extractVariables } from './compile';
import { guessVariableType, labelForVariable } from '../../../common/templates/variable-names';

describe('extractVariables', () => {
  it('lists one field per variable, in order of first appearance, with label, default and type', () => {
    const body = [
      'Hi {{ customer.first_name | default: "there" }},',
      'Your refund of {{ refund.amount }} for order {{ order.number }} was sent on {{ refund.date }}.',
      'We will write to {{ customer.email }}. Thanks again, {{ customer.first_name }}!',
      '{{ agent.note }}',
    ].join('\n');
    expect(extractVariables(body)).toEqual([
      { name: 'customer.first_name', label: 'Customer first name', type: 'text', defaultValue: 'there' },
      { name: 'refund.amount', label: 'Refund amount', type: 'amount', defaultValue: null },
      { name: 'order.number', label: 'Order number', type: 'text', defaultValue: null },
      { name: 'refund.date', label: 'Refund date', type: 'date', defaultValue: null },
      { name: 'customer.email', label: 'Customer email', type: 'email', defaultValue: null },
      { name: 'agent.note', label: 'Agent note', type: 'multiline', defaultValue: null },
    ]);
  });

  it('takes Zendesk-style placeholders as written', () => {
    expect(extractVariables('Hello {{ticket.requester.first_name}}, ticket #{{ticket.id}}')).toEqual([
      { name: 'ticket.requester.first_name', label: 'Ticket requester first name', type: 'text', defaultValue: null },
      { name: 'ticket.id', label: 'Ticket ID', type: 'text', defaultValue: null },
    ]);
  });

  it('does not turn loop variables, assign/capture locals or forloop into fields', () => {
    const body = [
      '{% assign greeting = "Hello" %}{% capture sign %}{{ agent.name }}{% endcapture %}',
      '{{ greeting }} {{ customer.name }}',
      '{% for item in order.items %}{{ forloop.index }}. {{ item }}{% endfor %}',
      '{{ sign }}',
    ].join('\n');
    expect(extractVariables(body).map((v) => v.name)).toEqual(['agent.name', 'customer.name', 'order.items']);
  });

  it('marks looped-over variables as one-item-per-line lists and keeps condition-only variables optional', () => {
    const compiled = compileTemplate('{% if customer.vip %}Priority{% endif %}{% for i in order.items %}{{ i }}{% endfor %}');
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const [vip, items] = compiled.template.fields;
    expect(vip).toMatchObject({ name: 'customer.vip', optional: true, list: false });
    expect(items).toMatchObject({ name: 'order.items', optional: true, list: true, type: 'multiline' });
  });

  it('treats an object that is only tested as a container, not a field', () => {
    const body = '{% if customer %}Dear {{ customer.name }}{% else %}Hello{% endif %}';
    expect(extractVariables(body).map((v) => v.name)).toEqual(['customer.name']);
  });

  it('keeps a variable that is printed and also has sub-fields', () => {
    expect(extractVariables('{{ recipient.name }} ({{ recipient.name.first }})').map((v) => v.name)).toEqual([
      'recipient.name',
      'recipient.name.first',
    ]);
  });

  it('reads numeric defaults and ignores defaults that are other variables', () => {
    const vars = extractVariables('{{ order.count | default: 1 }} {{ customer.nick | default: customer.name }}');
    expect(vars).toEqual([
      { name: 'order.count', label: 'Order count', type: 'number', defaultValue: '1' },
      { name: 'customer.nick', label: 'Customer nick', type: 'text', defaultValue: null },
      { name: 'customer.name', label: 'Customer name', type: 'text', defaultValue: null },
    ]);
  });

  it('throws with the parse error for a broken template', () => {
    expect(() => extractVariables('{% if x %}')).toThrow(/This template has an error: tag \{% if x %\} not closed \(line 1/);
  });
});

describe('labels and type guesses', () => {
  it('makes readable labels from dotted, snake and camel names', () => {
    expect(labelForVariable('customer.first_name')).toBe('Customer first name');
    expect(labelForVariable('order.trackingUrl')).toBe('Order tracking URL');
    expect(labelForVariable('name.name')).toBe('Name');
    expect(labelForVariable('constructor')).toBe('Constructor');
  });

  it('guesses input types from names', () => {
    expect(guessVariableType('customer.email')).toBe('email');
    expect(guessVariableType('customer.billing_email')).toBe('email');
    expect(guessVariableType('ticket.created_at')).toBe('date');
    expect(guessVariableType('ticket.due_date')).toBe('date');
    expect(guessVariableType('invoice.total')).toBe('amount');
    expect(guessVariableType('order.quantity')).toBe('number');
    expect(guessVariableType('ticket.number')).toBe('text');
    expect(guessVariableType('agent.signature')).toBe('multiline');
    expect(guessVariableType('customer.city')).toBe('text');
  });
});
