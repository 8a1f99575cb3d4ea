import { describe, expect, it } from 'vitest';
import { createLiquidEngine, MAX_CAPTURE_CHARS } from '../../../common/templates/liquid-engine';

describe('the Liquid engine bounds what {% capture %} builds', () => {
  it('fails a capture doubled in a loop once it passes the limit, instead of growing to gigabytes', () => {
    const doubling = `{% capture x %}${'x'.repeat(1000)}{% endcapture %}{% for i in (1..40) %}{% capture x %}{{ x }}{{ x }}{% endcapture %}{% endfor %}{{ x }}`;
    expect(() => createLiquidEngine().parseAndRenderSync(doubling, {})).toThrow(`This entry is too large to render: {% capture x %} grew past ${MAX_CAPTURE_CHARS} characters`);
  });

  it('keeps captures under the limit as they were', () => {
    const template = '{% capture greeting %}Hello {{ name }}{% endcapture %}{{ greeting }}!';
    expect(createLiquidEngine().parseAndRenderSync(template, { name: 'Ana' })).toBe('Hello Ana!');
  });
});
