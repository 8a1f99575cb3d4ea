import { describe, expect, it } from 'vitest';
import { validateTemplateBody } from '../../../common/templates/validate-template';

describe('validateTemplateBody', () => {
  it('accepts Liquid with filters, conditions and loops', () => {
    const body = 'Hi {{ customer.first_name | default: "there" }},\n{% if order.number %}#{{ order.number }}{% endif %}\n{% for i in order.items %}- {{ i }}\n{% endfor %}';
    expect(validateTemplateBody(body)).toEqual({ ok: true });
    expect(validateTemplateBody('{{ticket.requester.first_name}}')).toEqual({ ok: true });
  });

  it('says what is wrong and where', () => {
    expect(validateTemplateBody('Hello\n  {% if customer.vip %}VIP')).toEqual({
      ok: false,
      message: 'tag {% if customer.vip %} not closed (line 2, column 3)',
    });
    expect(validateTemplateBody('Hi {{ customer.name')).toEqual({
      ok: false,
      message: 'output "{{ customer.name" not closed (line 1, column 4)',
    });
  });

  it('rejects unknown filters and tags (strict)', () => {
    const filter = validateTemplateBody('{{ name | shout }}');
    expect(filter).toEqual({ ok: false, message: 'undefined filter: shout (line 1, column 1)' });
    expect(validateTemplateBody('x\n{% frobnicate %}')).toEqual({ ok: false, message: 'tag "frobnicate" not found (line 2, column 1)' });
  });

  it('refuses tags that would read files from disk', () => {
    for (const [body, tag] of [
      ['{% include "/etc/passwd" %}', 'include'],
      ['{% render "secrets" %}', 'render'],
      ['{% layout "base" %}', 'layout'],
    ]) {
      expect(validateTemplateBody(body as string)).toEqual({ ok: false, message: `the {% ${tag} %} tag is not allowed in reply templates (line 1, column 1)` });
    }
  });
});
