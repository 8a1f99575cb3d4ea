/**
 * Forward compatibility (docs/context-prefill.md, "Older and newer clients"): a tag this version
 * does not know — one a newer server accepted, as `{% prefill %}` was for clients before issue #18,
 * whose parser answered `tag "prefill" not found` — renders nothing where templates are rendered,
 * and stays an error where they are checked for publishing.
 */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../../common/templates/render-template';
import { validateTemplateBody } from '../../../common/templates/validate-template';

function render(body: string, values: Record<string, string>) {
  const compiled = compileTemplate(body);
  if (!compiled.ok) throw new Error(compiled.message);
  return { variables: compiled.template.variables.map((v) => v.name), result: compiled.template.render(values) };
}

describe('tags from a newer version', () => {
  const body = '{% suggest order.number from: "ticket" weight: 2 %}Hi {{ customer.first_name }}, about order {{ order.number }}.';

  it('render as nothing in the app: the entry keeps its fields and its reply', () => {
    expect(render(body, { 'customer.first_name': 'Ada', 'order.number': 'R-2093' })).toEqual({
      variables: ['customer.first_name', 'order.number'],
      result: { ok: true, reply: { text: 'Hi Ada, about order R-2093.', html: null } },
    });
  });

  it('render as nothing inside blocks too, with the text around them as written', () => {
    const nested = '{% if vip %}{% greet_vip style: "warm" %}Dear VIP{% endgreet_vip %}{% endif %} {{ name }}';
    expect(render(nested, { vip: 'yes', name: 'Ada' }).result).toEqual({ ok: true, reply: { text: 'Dear VIP Ada', html: null } });
  });

  it('are still refused when a template is checked for publishing, so a typo never reaches an agent', () => {
    expect(validateTemplateBody(body)).toEqual({ ok: false, message: 'tag "suggest" not found (line 1, column 1)' });
  });

  it('do not let the tags that read files in: those stay refused when rendering', () => {
    const compiled = compileTemplate('{% include "/etc/passwd" %}');
    expect(compiled).toEqual({ ok: false, message: 'the {% include %} tag is not allowed in reply templates (line 1, column 1)' });
  });

  it('leave known tags as strict as before: a bad {% prefill %} is still an error', () => {
    expect(compileTemplate('{% prefill name colour: "red" %}{{ name }}')).toEqual({ ok: false, message: '{% prefill %} knows "from" and "pattern", not "colour" (line 1, column 1)' });
  });
});
