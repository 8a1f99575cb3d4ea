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
    const tag = validateTemplateBody('x\n{% frobnicate %}');
    expect(tag.ok).toBe(false);
    expect(!tag.ok && tag.message).toContain('line 2');
  });

  it('refuses tags that would read files from disk', () => {
    for (const body of ['{% include "/etc/passwd" %}', '{% render "secrets" %}', '{% layout "base" %}']) {
      const result = validateTemplateBody(body);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/is not allowed in reply templates/);
    }
  });
});
