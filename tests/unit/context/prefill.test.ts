/** `{% prefill %}` declarations, their hostile patterns, and matching the agent's context (issue #18). */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../../common/templates/render-template';
import { validateTemplateBody } from '../../../common/templates/validate-template';
import { MAX_PATTERN_CHARS, patternProblem } from '../../../common/templates/prefill-tag';
import { MAX_CONTEXT_CHARS, prefillValues } from '../../../common/templates/prefill-match';
import { cleanContextText } from '../../../main/application/overlay-context';
import { extractVariables } from '../templates/compile';

const ORDER = '{% prefill order.number pattern: "^[A-Z]-\\\\d{4,}$" %}Hi {{ name }}, order {{ order.number }} is on its way.';

describe('{% prefill %} declarations', () => {
  it('attaches the declared source and pattern to the variable, renders nothing, and leaves other fields alone', () => {
    expect(extractVariables(ORDER)).toEqual([
      { name: 'name', label: 'Name', type: 'text', defaultValue: null },
      { name: 'order.number', label: 'Order number', type: 'text', defaultValue: null, context: { from: 'clipboard', pattern: '^[A-Z]-\\d{4,}$' } },
    ]);
    const compiled = compileTemplate(ORDER);
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.template.render({ name: 'Ada', 'order.number': 'A-1042' })).toEqual({
      ok: true,
      reply: { text: 'Hi Ada, order A-1042 is on its way.', html: null },
    });
  });

  it('reads from: "selection" without a pattern as the whole selected text', () => {
    expect(extractVariables('{% prefill note from: "selection" %}{{ note }}')[0]?.context).toEqual({ from: 'selection', pattern: null });
  });

  it.each([
    ['{% prefill %}{{ x }}', '{% prefill %} needs a variable name first'],
    ['{% prefill "x" from: "selection" %}{{ x }}', '{% prefill %} needs a variable name first'],
    ['{% prefill x %}{{ x }}', 'needs "from", "pattern" or both'],
    ['{% prefill x from: "mouse" %}{{ x }}', '"from" is "clipboard" or "selection", not "mouse"'],
    ['{% prefill x from: selection %}{{ x }}', '"from" must be a quoted string'],
    ['{% prefill x colour: "red" %}{{ x }}', 'knows "from" and "pattern", not "colour"'],
    ['{% prefill x from: "selection", from: "clipboard" %}{{ x }}', 'gives "from" twice'],
    ['{% prefill x pattern: "\\d+" %}{{ x }}', 'write every backslash in a pattern twice'],
    ['{% prefill x pattern: "[" %}{{ x }}', 'not a valid regular expression'],
    ['{% prefill x pattern: "(a+)+$" %}{{ x }}', 'could take exponentially long'],
    ['{% prefill y from: "selection" %}{{ x }}', '{% prefill y %} names a variable this template does not use'],
    ['{% prefill x from: "selection" %}{% prefill x pattern: "a" %}{{ x }}', '{% prefill x %} is declared twice'],
  ])('refuses %s at publish with a clear message', (body, message) => {
    const checked = validateTemplateBody(body);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.message).toContain(message);
  });

  it('refuses hostile patterns: nested repetition, too many repetitions, too long, ill-formed, empty', () => {
    expect(patternProblem('^[A-Z]-\\d{4,}$')).toBeNull();
    expect(patternProblem('(a*)*b')).toMatch(/exponentially long/);
    expect(patternProblem('(x+x+)+y')).toMatch(/exponentially long/);
    expect(patternProblem('a?'.repeat(11))).toMatch(/too many repetitions/);
    expect(patternProblem('a'.repeat(MAX_PATTERN_CHARS))).toBeNull();
    expect(patternProblem('a'.repeat(MAX_PATTERN_CHARS + 1))).toBe(`the pattern is longer than ${MAX_PATTERN_CHARS} characters`);
    expect(patternProblem('a\ud800')).toBe('the pattern is not well-formed Unicode (it contains a lone surrogate)');
    expect(patternProblem('a\u0000')).toMatch(/^the pattern .*NUL/);
    expect(patternProblem('')).toBe('the pattern is empty');
  });
});

describe('prefill values from the context', () => {
  const fields = extractVariables(
    '{% prefill order pattern: "[A-Z]-\\\\d{4,}" %}{% prefill customer from: "selection" %}{% prefill summary from: "selection" %}' +
      '{{ order }} {{ customer }} {{ summary }}',
  ).map((field) => (field.name === 'summary' ? { ...field, type: 'multiline' as const } : field));

  it('takes the first match of a pattern inside the clipboard, and a selection whole', () => {
    expect(prefillValues(fields, { clipboard: 'Customer wrote: order B-20931 arrived broken', selection: '  Parcel left at the door  ' })).toEqual({
      order: { value: 'B-20931', source: 'clipboard' },
      customer: { value: 'Parcel left at the door', source: 'selection' },
      summary: { value: 'Parcel left at the door', source: 'selection' },
    });
  });

  it('fills nothing from text that does not match, is missing, or is over the cap', () => {
    expect(prefillValues(fields, { clipboard: 'order b-12', selection: null })).toEqual({});
    expect(prefillValues(fields, { clipboard: `A-12345${'x'.repeat(MAX_CONTEXT_CHARS)}`, selection: '' })).toEqual({});
  });

  it('puts text with a line break only into a multi-line field, never into a one-line input where part of it would hide', () => {
    expect(prefillValues(fields, { clipboard: null, selection: 'first line\nsecond line' })).toEqual({
      summary: { value: 'first line\nsecond line', source: 'selection' },
    });
  });
});

describe('the captured text', () => {
  it('strips bidi and zero-width controls and trims', () => {
    expect(cleanContextText('  A-\u202e1042\u200b \n', 'clipboard')).toEqual({ text: 'A-1042', problem: null });
  });

  it('does not use ill-formed text (common/text/well-formed.ts) or text over the cap, and says why without the text', () => {
    expect(cleanContextText('A-1042\ud800', 'clipboard')).toEqual({
      text: null,
      problem: 'the clipboard text is not well-formed Unicode (it contains a lone surrogate)',
    });
    expect(cleanContextText('x'.repeat(MAX_CONTEXT_CHARS + 1), 'selection')).toEqual({
      text: null,
      problem: `the selection text is longer than ${MAX_CONTEXT_CHARS} characters`,
    });
    expect(cleanContextText('\u200b\u2066', 'clipboard')).toEqual({ text: null, problem: null });
    expect(cleanContextText(null, 'selection')).toEqual({ text: null, problem: null });
  });
});
